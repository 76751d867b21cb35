package com.kustomergateway.domain.change;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Violations;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.CustomAttributes;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.customerprofile.CustomerId;

import java.util.List;
import java.util.Objects;

/**
 * Sets personalization attributes on a customer. Keys carry no declared type, so each is a string unless its
 * name already ends in a Kustomer suffix ({@code lifetimeValueNum}). Only the given attributes change.
 */
public record UpdateCustomerData(CustomerId customer, CustomAttributes attributes) implements Change {

    public UpdateCustomerData {
        Objects.requireNonNull(customer, "customer");
        if (attributes.isEmpty()) {
            throw new InvalidInputException(ErrorCode.NO_PERSONALIZATION_DATA, "at least one key-value pair is required");
        }
    }

    public static UpdateCustomerData of(String customerId, List<KeyValue> personalizationData) {
        Violations violations = new Violations();
        CustomerId customer = violations.check("customerId", () -> new CustomerId(customerId));
        if (personalizationData.isEmpty()) {
            violations.add(ErrorCode.NO_PERSONALIZATION_DATA, "personalizationData",
                    "at least one key-value pair is required");
        }
        CustomAttributes attributes = violations.check("personalizationData",
                () -> CustomAttributes.from(personalizationData, AttributeName::inferredFrom));
        violations.throwIfAny();
        return new UpdateCustomerData(customer, attributes);
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.UPDATE_CUSTOMER_DATA;
    }

    @Override
    public ResourceKey resource() {
        return ResourceKey.customer(customer);
    }
}
