package com.kustomergateway.domain.customobject;

import com.kustomergateway.domain.attribute.CustomAttributes;
import com.kustomergateway.domain.customerprofile.CustomerId;

import java.util.Objects;
import java.util.Optional;

/** One custom object to create: its title, the customer it belongs to (if any) and its typed attributes. */
public record CustomObject(ObjectTitle title, Optional<CustomerId> customer, CustomAttributes attributes) {

    public CustomObject {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(attributes, "attributes");
    }
}
