package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.change.ChangeKind;
import com.kustomergateway.domain.change.ResourceKey;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.operation.OperationStatus;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import java.time.Instant;
import java.util.Optional;

@Input("OperationFilter")
@Description("Which operations to list or replay; every field is optional, and the ones given must all match.")
public record OperationFilterInput(
        ChangeKind kind,
        OperationStatus status,
        @Description("The Kustomer resource, as in Operation.resource: conversation:<id>, customer:<id> or "
                + "klass:<name> (a Klass and its objects).") String resource,
        @Description("Accepted at or after this instant.") Instant acceptedFrom,
        @Description("Accepted before this instant.") Instant acceptedBefore) {

    static OperationFilter toFilter(OperationFilterInput input) {
        if (input == null) {
            return OperationFilter.ALL;
        }
        return new OperationFilter(Optional.ofNullable(input.kind()), Optional.ofNullable(input.status()),
                Optional.ofNullable(input.resource()).map(OperationFilterInput::resource),
                Optional.ofNullable(input.acceptedFrom()), Optional.ofNullable(input.acceptedBefore()));
    }

    private static ResourceKey resource(String text) {
        try {
            ResourceKey key = ResourceKey.parse(text);
            if (!key.id().isEmpty() && (key.type().equals("conversation") || key.type().equals("customer")
                    || key.type().equals("klass"))) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with what a resource looks like
        }
        throw new InvalidInputException(ErrorCode.INVALID_FILTER, "resource '" + text
                + "' is not conversation:<id>, customer:<id> or klass:<name>");
    }
}
