package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.OperationStatus;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;


@Type("UpdateCustomerDataResult")
@Description("Updates a customer's personalization data: the result.")
public record UpdateCustomerDataResult(
        @Description("Whether the change was accepted and not rejected: true while it is on its way, false when Kustomer rejected it.") boolean success,
        @NonNull @Description("The customer updated.") String customerId,
        @NonNull @Id @Description("The gateway's operation, to follow the change with.") String operationId,
        @NonNull OperationStatus status,
        @Description("Why the latest attempt did not succeed, if it did not.") DeliveryError failure) {
}
