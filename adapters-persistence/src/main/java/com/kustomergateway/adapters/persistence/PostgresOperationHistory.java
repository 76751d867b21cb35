package com.kustomergateway.adapters.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kustomergateway.domain.operation.ActivityMinute;
import com.kustomergateway.domain.operation.CappedCount;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.ListingPosition;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.StatusCount;
import com.kustomergateway.domain.port.OperationHistory;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.SelectionQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox as an audit log, read in HQL through the Panache repositories of its rows, which it loads read-only.
 * Listings are keyset-paginated on {@code (accepted_at, id)}, newest first, and each filter has an index that starts
 * with its column and continues in that order (see V1__outbox.sql), so a page costs a short index range whatever its
 * depth. Nothing here counts all rows.
 */
@ApplicationScoped
@Transactional
public class PostgresOperationHistory implements OperationHistory {

    /** A literal list, so that the planner can match the pending partial index of V1. */
    private static final String PENDING = "status in ('QUEUED', 'IN_FLIGHT', 'RETRYING')";

    /** Acceptance order and seq order agree but for clock skew between instances, and seq has the pending index. */
    private static final String OLDEST_PENDING = "select acceptedAt from OperationRow where " + PENDING
            + " order by seq";

    /**
     * Per minute (epoch minutes, whatever the session's time zone): acceptances, a range of
     * operation_by_acceptance; settlements, a range of operation_settled (V5), each read from the index alone.
     */
    private static final String ACTIVITY = """
            select s.minute, sum(s.accepted), sum(s.delivered), sum(s.failed)
            from (select cast(floor(extract(epoch from o.acceptedAt) / 60) as Long) as minute,
                         count(*) as accepted, 0L as delivered, 0L as failed
                  from OperationRow o where o.acceptedAt >= :from and o.acceptedAt < :before
                  group by cast(floor(extract(epoch from o.acceptedAt) / 60) as Long)
                  union all
                  select cast(floor(extract(epoch from o.updatedAt) / 60) as Long), 0L,
                         count(*) filter (where o.status = 'DELIVERED'), count(*) filter (where o.status = 'FAILED')
                  from OperationRow o
                  where o.status in ('DELIVERED', 'FAILED') and o.updatedAt >= :from and o.updatedAt < :before
                  group by cast(floor(extract(epoch from o.updatedAt) / 60) as Long)) s
            group by s.minute order by s.minute
            """;

    private final OperationRepository operations;
    private final AttemptRepository attempts;
    private final OutboxRows rows;

    PostgresOperationHistory(OperationRepository operations, AttemptRepository attempts, ObjectMapper mapper) {
        this.operations = operations;
        this.attempts = attempts;
        this.rows = new OutboxRows(new OutboxJson(mapper));
    }

    @Override
    public List<Operation> newestFirst(OperationFilter filter, Optional<ListingPosition> after, int limit) {
        Conditions conditions = Conditions.of(filter, after);
        SelectionQuery<OperationRow> page = operations.getSession().createSelectionQuery("from OperationRow"
                + conditions.whereClause() + " order by acceptedAt desc, id desc", OperationRow.class);
        conditions.parameters().map().forEach(page::setParameter);
        return page.setMaxResults(limit).setReadOnly(true).getResultList().stream().map(rows::operation).toList();
    }

    @Override
    public Map<OperationId, List<DeliveryAttempt>> attempts(Collection<OperationId> ids) {
        Map<OperationId, List<DeliveryAttempt>> made = new LinkedHashMap<>();
        ids.forEach(id -> made.put(id, new ArrayList<>()));
        if (ids.isEmpty()) {
            return made;
        }
        attempts.find("operationId in :ids", Sort.by("operationId").and("attemptNo"),
                        Parameters.with("ids", ids.stream().map(OperationId::value).toList()))
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .list()
                .forEach(row -> made.get(new OperationId(row.operationId)).add(rows.attempt(row)));
        return made;
    }

    /** One capped count per status, each an index-only range of operation_by_status. */
    @Override
    public List<StatusCount> countsUpTo(long cap) {
        List<StatusCount> counts = new ArrayList<>();
        for (OperationStatus status : OperationStatus.values()) {
            CappedCount count = countUpTo(OperationFilter.ALL.withStatus(status), cap);
            counts.add(new StatusCount(status, count.count(), count.exact()));
        }
        return counts;
    }

    /**
     * Counts up to {@code cap + 1} rows, reading an index alone. HQL wants a subquery with a limit to be ordered, so
     * it is ordered as the index Postgres reads anyway: a filter's index continues in acceptance order (V1); with no
     * filter, seq's unique index is the narrowest.
     */
    @Override
    public CappedCount countUpTo(OperationFilter filter, long cap) {
        Conditions conditions = Conditions.of(filter, Optional.empty());
        String capped = "select count(*) from (select o.id as counted from OperationRow o" + conditions.whereClause()
                + (conditions.where().isEmpty() ? " order by o.seq" : " order by o.acceptedAt desc, o.id desc")
                + " limit :cap) capped";
        SelectionQuery<Long> query = operations.getSession().createSelectionQuery(capped, Long.class)
                .setParameter("cap", Math.toIntExact(cap + 1));
        conditions.parameters().map().forEach(query::setParameter);
        return CappedCount.of(query.getSingleResult(), cap);
    }

    @Override
    public List<ActivityMinute> activity(Instant from, Instant before) {
        return operations.getSession().createSelectionQuery(ACTIVITY, Object[].class)
                .setParameter("from", from)
                .setParameter("before", before)
                .getResultList().stream()
                .map(minute -> new ActivityMinute(Instant.ofEpochSecond((Long) minute[0] * 60), (Long) minute[1],
                        (Long) minute[2], (Long) minute[3]))
                .toList();
    }

    @Override
    public Optional<Instant> oldestPendingAcceptedAt() {
        return operations.getSession().createSelectionQuery(OLDEST_PENDING, Instant.class)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public long pendingCount() {
        return operations.count(PENDING);
    }

    /**
     * A filter (and a listing position) as HQL conditions, holding one only for each part that is set, so that the
     * planner sees plain equalities and ranges it can match to an index, not {@code (? IS NULL OR ...)}.
     */
    record Conditions(String where, Parameters parameters) {

        static Conditions of(OperationFilter filter, Optional<ListingPosition> after) {
            List<String> where = new ArrayList<>();
            Parameters parameters = new Parameters();
            filter.kind().ifPresent(kind -> {
                where.add("kind = :kind");
                parameters.and("kind", kind.name());
            });
            filter.status().ifPresent(status -> {
                where.add("status = :status");
                parameters.and("status", status.name());
            });
            filter.resource().ifPresent(resource -> {
                where.add("resourceKey = :resource");
                parameters.and("resource", resource.toString());
            });
            filter.acceptedFrom().ifPresent(from -> {
                where.add("acceptedAt >= :acceptedFrom");
                parameters.and("acceptedFrom", from);
            });
            filter.acceptedBefore().ifPresent(before -> {
                where.add("acceptedAt < :acceptedBefore");
                parameters.and("acceptedBefore", before);
            });
            after.ifPresent(position -> {
                where.add("(acceptedAt, id) < (:afterAcceptedAt, :afterId)");
                parameters.and("afterAcceptedAt", position.acceptedAt()).and("afterId", position.id().value());
            });
            return new Conditions(String.join(" and ", where), parameters);
        }

        String whereClause() {
            return where.isEmpty() ? "" : " where " + where;
        }
    }
}
