package com.kustomergateway.adapters.persistence;

import static com.kustomergateway.adapters.persistence.OutboxRows.instant;
import static com.kustomergateway.adapters.persistence.OutboxRows.setInstant;

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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The outbox as an audit log. Listings are keyset-paginated on {@code (accepted_at, id)}, newest first, and each
 * filter has an index that starts with its column and continues in that order (see V1__outbox.sql), so a page
 * costs a short index range whatever its depth. Nothing here counts all rows.
 */
@ApplicationScoped
@Transactional
public class PostgresOperationHistory implements OperationHistory {

    private static final String PENDING = "status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING')";

    /** One capped count per status, each an index-only range of operation_by_status. */
    private static final String CAPPED_COUNTS = """
            SELECT s.status,
                   (SELECT count(*) FROM (SELECT 1 FROM operation o WHERE o.status = s.status LIMIT ?) capped) AS n
            FROM unnest(CAST(? AS text[])) AS s(status)
            """;

    /** Acceptance order and seq order agree but for clock skew between instances, and seq has the pending index. */
    private static final String OLDEST_PENDING = "SELECT accepted_at FROM operation WHERE " + PENDING
            + " ORDER BY seq LIMIT 1";

    private static final String PENDING_COUNT = "SELECT count(*) FROM operation WHERE " + PENDING;

    /**
     * Per minute (epoch minutes, whatever the session's time zone): acceptances, a range of
     * operation_by_acceptance; settlements, a range of operation_settled (V5), each read from the index alone.
     */
    private static final String ACTIVITY = """
            SELECT minute, sum(accepted) AS accepted, sum(delivered) AS delivered, sum(failed) AS failed
            FROM (SELECT CAST(floor(extract(epoch FROM accepted_at) / 60) AS bigint) AS minute,
                         count(*) AS accepted, 0 AS delivered, 0 AS failed
                  FROM operation WHERE accepted_at >= ? AND accepted_at < ?
                  GROUP BY 1
                  UNION ALL
                  SELECT CAST(floor(extract(epoch FROM updated_at) / 60) AS bigint), 0,
                         count(*) FILTER (WHERE status = 'DELIVERED'), count(*) FILTER (WHERE status = 'FAILED')
                  FROM operation WHERE status IN ('DELIVERED', 'FAILED') AND updated_at >= ? AND updated_at < ?
                  GROUP BY 1) per_series
            GROUP BY minute ORDER BY minute
            """;

    private static final String ATTEMPTS = """
            SELECT * FROM delivery_attempt WHERE operation_id = ANY (?) ORDER BY operation_id, attempt_no
            """;

    private final DataSource dataSource;
    private final OutboxRows mapping;

    public PostgresOperationHistory(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapping = new OutboxRows(new OutboxJson(mapper));
    }

    @Override
    public List<Operation> newestFirst(OperationFilter filter, Optional<ListingPosition> after, int limit) {
        Listing listing = Listing.of(filter, after, limit);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(listing.sql())) {
            listing.bind(select);
            List<Operation> operations = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    operations.add(mapping.operation(rows));
                }
            }
            return operations;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list operations", e);
        }
    }

    @Override
    public Map<OperationId, List<DeliveryAttempt>> attempts(Collection<OperationId> ids) {
        Map<OperationId, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
        ids.forEach(id -> attempts.put(id, new ArrayList<>()));
        if (ids.isEmpty()) {
            return attempts;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(ATTEMPTS)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.stream().map(OperationId::value).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    OperationId id = new OperationId(rows.getObject("operation_id", UUID.class));
                    attempts.get(id).add(mapping.attempt(id, rows));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read delivery attempts", e);
        }
    }

    @Override
    public List<StatusCount> countsUpTo(long cap) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(CAPPED_COUNTS)) {
            select.setLong(1, cap + 1);
            select.setArray(2, connection.createArrayOf("text",
                    Arrays.stream(OperationStatus.values()).map(Enum::name).toArray()));
            List<StatusCount> counts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long n = rows.getLong("n");
                    counts.add(new StatusCount(OperationStatus.valueOf(rows.getString("status")), Math.min(n, cap),
                            n <= cap));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count operations", e);
        }
    }

    @Override
    public CappedCount countUpTo(OperationFilter filter, long cap) {
        Conditions conditions = Conditions.of(filter, Optional.empty());
        conditions.parameters().add(cap + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM (SELECT 1 FROM operation WHERE " + conditions.where() + " LIMIT ?) capped")) {
            conditions.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return CappedCount.of(rows.getLong(1), cap);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count operations", e);
        }
    }

    @Override
    public List<ActivityMinute> activity(Instant from, Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(ACTIVITY)) {
            setInstant(select, 1, from);
            setInstant(select, 2, before);
            setInstant(select, 3, from);
            setInstant(select, 4, before);
            List<ActivityMinute> minutes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    minutes.add(new ActivityMinute(Instant.ofEpochSecond(rows.getLong("minute") * 60),
                            rows.getLong("accepted"), rows.getLong("delivered"), rows.getLong("failed")));
                }
            }
            return minutes;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the activity per minute", e);
        }
    }

    @Override
    public Optional<Instant> oldestPendingAcceptedAt() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(OLDEST_PENDING);
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(instant(rows, "accepted_at")) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find the oldest pending operation", e);
        }
    }

    @Override
    public long pendingCount() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(PENDING_COUNT);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count pending operations", e);
        }
    }

    /**
     * A filter (and a listing position) as SQL conditions, holding one only for each part that is set, so that the
     * planner sees plain equalities and ranges it can match to an index, not {@code (? IS NULL OR ...)}.
     */
    record Conditions(String where, List<Object> parameters) {

        static Conditions of(OperationFilter filter, Optional<ListingPosition> after) {
            StringBuilder where = new StringBuilder("TRUE");
            List<Object> parameters = new ArrayList<>();
            filter.kind().ifPresent(kind -> condition(where, parameters, "kind = ?", kind.name()));
            filter.status().ifPresent(status -> condition(where, parameters, "status = ?", status.name()));
            filter.resource().ifPresent(resource -> condition(where, parameters, "resource_key = ?",
                    resource.toString()));
            filter.acceptedFrom().ifPresent(from -> condition(where, parameters, "accepted_at >= ?", from));
            filter.acceptedBefore().ifPresent(before -> condition(where, parameters, "accepted_at < ?", before));
            after.ifPresent(position -> {
                where.append(" AND (accepted_at, id) < (?, ?)");
                parameters.add(position.acceptedAt());
                parameters.add(position.id().value());
            });
            return new Conditions(where.toString(), parameters);
        }

        private static void condition(StringBuilder where, List<Object> parameters, String sql, Object value) {
            where.append(" AND ").append(sql);
            parameters.add(value);
        }

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Instant instant) {
                    setInstant(statement, i + 1, instant);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
        }
    }

    /** A page of the newest-first listing: the filter's conditions, after the position, one more row than shown. */
    record Listing(String sql, Conditions conditions) {

        static Listing of(OperationFilter filter, Optional<ListingPosition> after, int limit) {
            Conditions conditions = Conditions.of(filter, after);
            conditions.parameters().add(limit);
            return new Listing("SELECT * FROM operation WHERE " + conditions.where()
                    + " ORDER BY accepted_at DESC, id DESC LIMIT ?", conditions);
        }

        void bind(PreparedStatement statement) throws SQLException {
            conditions.bind(statement);
        }
    }
}
