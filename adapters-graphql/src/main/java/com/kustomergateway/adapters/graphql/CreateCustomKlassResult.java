package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.OperationStatus;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;


@Type("CreateCustomKlassResult")
@Description("Creates a custom Klass: the result.")
public record CreateCustomKlassResult(
        @Description("Whether the change was accepted and not rejected: true while it is on its way, false when Kustomer rejected it.") boolean success,
        @NonNull @Description("Kustomer's id of the Klass; empty until it is delivered.") String klassId,
        @NonNull @Description("The Klass's name.") String name,
        @NonNull @Description("What else the caller should know about this Klass.") String note,
        @NonNull @Id @Description("The gateway's operation, to follow the change with.") String operationId,
        @NonNull OperationStatus status,
        @Description("Why the latest attempt did not succeed, if it did not.") DeliveryError failure) {
}
