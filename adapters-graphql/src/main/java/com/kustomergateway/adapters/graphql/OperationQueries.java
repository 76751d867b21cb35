package com.kustomergateway.adapters.graphql;

import com.kustomergateway.application.audit.DeliveryOverview;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.ListingPosition;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.OperationHistory;
import com.kustomergateway.domain.port.OperationStore;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Audit reads over the outbox: reads with no rules, so they ask the store and its history directly. */
@GraphQLApi
public class OperationQueries {

    static final int MAX_PAGE = 100;

    private final OperationStore store;
    private final OperationHistory history;
    private final DeliveryOverview overview;

    public OperationQueries(OperationStore store, OperationHistory history, DeliveryOverview overview) {
        this.store = store;
        this.history = history;
        this.overview = overview;
    }

    @Query("operation")
    @RolesAllowed(Roles.AUDITOR)
    @Description("One operation with every delivery attempt and the requests they sent; null when there is none.")
    public OperationView operation(@Name("id") @NonNull @Id String id) {
        return Errors.guard(() -> OperationId.parse(id).flatMap(store::find).map(OperationView::of).orElse(null));
    }

    @Query("operations")
    @RolesAllowed(Roles.AUDITOR)
    @Description("Operations newest first, filtered, a page at a time: pass pageInfo.endCursor as `after` for the "
            + "next page.")
    public @NonNull OperationConnection operations(
            @Name("filter") OperationFilterInput filter,
            @Name("first") @DefaultValue("20") @Description("1 to 100.") Integer first,
            @Name("after") String after) {
        return Errors.guard(() -> {
            int size = first == null ? 20 : first;
            if (size < 1 || size > MAX_PAGE) {
                throw new GatewayError(TransportCode.INVALID_PAGE_SIZE,
                        "first must be 1 to " + MAX_PAGE + ", not " + size);
            }
            Optional<ListingPosition> position = Optional.ofNullable(after).map(Cursors::parse);
            // One more than asked for says whether there is a next page, without counting.
            List<Operation> found = history.newestFirst(OperationFilterInput.toFilter(filter), position, size + 1);
            List<Operation> page = found.subList(0, Math.min(size, found.size()));
            List<OperationConnection.Edge> edges = page.stream()
                    .map(operation -> new OperationConnection.Edge(Cursors.of(ListingPosition.of(operation)),
                            OperationView.of(operation)))
                    .toList();
            return new OperationConnection(edges, new OperationConnection.PageInfo(found.size() > size, false,
                    edges.isEmpty() ? null : edges.get(0).cursor(),
                    edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
        });
    }

    @Query("deliveryStatus")
    @RolesAllowed(Roles.AUDITOR)
    @Description("The relay's state, operations per status, and how long the oldest waiting one has waited.")
    public @NonNull DeliveryStatusView deliveryStatus() {
        return Errors.guard(() -> DeliveryStatusView.of(overview.report()));
    }

    @Query("operationCount")
    @RolesAllowed(Roles.AUDITOR)
    @Description("How many operations the filter selects (all of them without a filter), counted up to "
            + "gateway.audit.count-cap: what a bulk replay with the same filter and status FAILED would queue again.")
    public @NonNull OperationCountView operationCount(@Name("filter") OperationFilterInput filter) {
        return Errors.guard(() -> OperationCountView.of(overview.count(OperationFilterInput.toFilter(filter))));
    }

    @Query("deliveryActivity")
    @RolesAllowed(Roles.AUDITOR)
    @Description("Each minute of the last hour, oldest first, the current minute last: operations accepted, "
            + "delivered and failed.")
    public @NonNull List<@NonNull ActivityMinuteView> deliveryActivity() {
        return Errors.guard(() -> overview.activityOfLastHour().stream().map(ActivityMinuteView::of).toList());
    }

    @Name("change")
    @Description("The change as the gateway accepted it, as JSON: the mutation's arguments, attributes under the "
            + "Kustomer names and types they were converted to.")
    public @NonNull String change(@Source OperationView operation) {
        return SubmittedChange.json(operation.submitted());
    }

    /** Batched: a page of operations reads its attempts in one query. */
    @Name("attempts")
    @Description("Every delivery attempt, oldest first, with the requests each sent Kustomer.")
    public List<@NonNull List<OperationView.@NonNull Attempt>> attempts(@Source List<OperationView> operations) {
        return Errors.guard(() -> {
            List<OperationId> ids = operations.stream().map(view -> OperationId.parse(view.id()).orElseThrow())
                    .toList();
            Map<OperationId, List<DeliveryAttempt>> attempts = history.attempts(ids);
            return ids.stream().map(id -> OperationView.attempts(attempts.get(id))).toList();
        });
    }
}
