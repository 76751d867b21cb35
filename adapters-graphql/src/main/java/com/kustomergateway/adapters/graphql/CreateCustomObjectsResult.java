package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.OperationStatus;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;

@Type("CreateCustomObjectsResult")
@Description("Creates custom objects of a Klass: the result.")
public record CreateCustomObjectsResult(
        @Description("Whether the change was accepted and not rejected: true while it is on its way, false when Kustomer rejected it.") boolean success,
        @Description("Objects Kustomer created; 0 until delivered.") int createdCount,
        @NonNull @Description("Kustomer's ids of the created objects, in the order given; empty until delivered.") List<@NonNull String> objectIds,
        @NonNull @Id @Description("The gateway's operation, to follow the change with.") String operationId,
        @NonNull OperationStatus status,
        @Description("Why the latest attempt did not succeed, if it did not.") DeliveryError failure) {
}
