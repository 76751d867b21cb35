package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.OperationStore;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import jakarta.annotation.security.RolesAllowed;

/** Audit reads over the outbox: a read with no rules, so it asks the store directly. */
@GraphQLApi
public class OperationQueries {

    private final OperationStore store;

    public OperationQueries(OperationStore store) {
        this.store = store;
    }

    @Query("operation")
    @RolesAllowed(Roles.AUDITOR)
    @Description("One operation with every delivery attempt and the requests they sent; null when there is none.")
    public OperationView operation(@Name("id") @NonNull @Id String id) {
        return Errors.guard(() -> OperationId.parse(id)
                .flatMap(store::find)
                .map(operation -> OperationView.of(operation, store.attempts(operation.id())))
                .orElse(null));
    }
}
