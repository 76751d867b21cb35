package com.kustomergateway.domain.operation;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a delivery did not succeed, in Kustomer's words where Kustomer gave any: the HTTP status (none for a
 * network error), Kustomer's error code and its message.
 */
public record DeliveryFailure(Optional<Integer> httpStatus, String code, String message) {

    public DeliveryFailure {
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static DeliveryFailure http(int status, String code, String message) {
        return new DeliveryFailure(Optional.of(status), code, message);
    }

    public static DeliveryFailure network(String code, String message) {
        return new DeliveryFailure(Optional.empty(), code, message);
    }
}
