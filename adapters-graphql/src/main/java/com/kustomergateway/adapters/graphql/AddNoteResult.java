package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.OperationStatus;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AddNoteResult")
@Description("Adds an internal note to a conversation: the result.")
public record AddNoteResult(
        @Description("Whether the change was accepted and not rejected: true while it is on its way, false when Kustomer rejected it.") boolean success,
        @NonNull @Description("Kustomer's id of the note; empty until it is delivered.") String noteId,
        @NonNull @Id @Description("The gateway's operation, to follow the change with.") String operationId,
        @NonNull OperationStatus status,
        @Description("Why the latest attempt did not succeed, if it did not.") DeliveryError failure) {
}
