package com.kustomergateway.domain.customerprofile;

import com.kustomergateway.domain.KustomerId;

/** A Kustomer customer, whose personalization data is updated or whom a custom object belongs to. */
public record CustomerId(String value) {

    public CustomerId {
        KustomerId.check(value, "a customer id");
    }

    @Override
    public String toString() {
        return value;
    }
}
