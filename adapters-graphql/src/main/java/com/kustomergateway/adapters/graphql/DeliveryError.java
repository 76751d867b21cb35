package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.DeliveryFailure;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("DeliveryError")
@Description("Why the latest delivery attempt did not succeed, in Kustomer's words where Kustomer gave any.")
public record DeliveryError(
        @Description("Kustomer's HTTP status; null when no answer came (network error, timeout).") Integer httpStatus,
        @NonNull @Description("Kustomer's error code, or the gateway's for a network problem.") String code,
        @NonNull String message) {

    static DeliveryError of(DeliveryFailure failure) {
        return new DeliveryError(failure.httpStatus().orElse(null), failure.code(), failure.message());
    }
}
