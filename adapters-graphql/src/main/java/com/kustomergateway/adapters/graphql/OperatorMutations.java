package com.kustomergateway.adapters.graphql;

import com.kustomergateway.application.repair.OperatorActions;
import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.operation.OperationId;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Operators' repairs: retry what failed, cancel what has not been sent, replay failures in bulk. */
@GraphQLApi
public class OperatorMutations {

    private final OperatorActions actions;

    public OperatorMutations(OperatorActions actions) {
        this.actions = actions;
    }

    @Mutation("retryOperation")
    @RolesAllowed(Roles.ADMIN)
    @Description("Queues a FAILED operation again, keeping its attempts; any other status is an error "
            + "(OPERATION_NOT_RETRYABLE).")
    public @NonNull OperationView retryOperation(@Name("id") @NonNull @Id String id) {
        return Errors.guard(() -> OperationView.of(actions.retry(operationId(id))));
    }

    @Mutation("cancelOperation")
    @RolesAllowed(Roles.ADMIN)
    @Description("Withdraws a QUEUED or RETRYING operation so it is never sent; any other status is an error "
            + "(OPERATION_NOT_CANCELLABLE).")
    public @NonNull OperationView cancelOperation(@Name("id") @NonNull @Id String id) {
        return Errors.guard(() -> OperationView.of(actions.cancel(operationId(id))));
    }

    @Mutation("replayFailedOperations")
    @RolesAllowed(Roles.ADMIN)
    @Description("Queues again every FAILED operation the filter selects (all of them without a filter).")
    public @NonNull ReplayResult replayFailedOperations(@Name("filter") OperationFilterInput filter) {
        return Errors.guard(() -> new ReplayResult(actions.replayFailed(OperationFilterInput.toFilter(filter))));
    }

    @Type("ReplayResult")
    public record ReplayResult(@Description("How many failed operations were queued again.") int requeued) {
    }

    private static OperationId operationId(String id) {
        return OperationId.parse(id).orElseThrow(() -> new InvalidInputException(ErrorCode.OPERATION_NOT_FOUND,
                "there is no operation " + id));
    }
}
