package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.port.DeliveryCoordination;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

import javax.sql.DataSource;

/**
 * The shared pacing in {@code kustomer_pacing} (one row), {@code creation_window} and {@code relay_instance}. A
 * request slot is one statement: the row is locked for the statement only (row lock, not an advisory lock held by a
 * session), so an instance that dies or loses its connection holds nothing. Creation windows are guarded by
 * transaction-scoped advisory locks, one per key, taken in a fixed order.
 */
@ApplicationScoped
public class PostgresDeliveryCoordination implements DeliveryCoordination {

    /**
     * Takes the slot when it comes within the given milliseconds, and answers how far away it is. The schedule's
     * row is read {@code FOR UPDATE}, so concurrent takers queue for the row for the length of one statement.
     */
    private static final String TAKE_SLOT = """
            WITH o AS (
                SELECT clock_timestamp() AS now, next_request_at, rate_paused_until, spread_until, spread_spacing_ms
                FROM kustomer_pacing WHERE id = 1 FOR UPDATE),
            s AS (
                SELECT now, greatest(next_request_at, rate_paused_until, now) AS slot,
                       CASE WHEN spread_until > now THEN greatest(?, spread_spacing_ms) ELSE ? END AS spacing_ms,
                       to_timestamp(floor(extract(epoch FROM now) * 1000 / ?) * ? / 1000.0) AS window_start
                FROM o),
            taken AS (
                UPDATE kustomer_pacing p SET
                    last_request_at = s.slot,
                    next_request_at = s.slot + s.spacing_ms * interval '1 millisecond',
                    window_spent = CASE WHEN p.window_started_at = s.window_start THEN p.window_spent + 1 ELSE 1 END,
                    window_started_at = s.window_start
                FROM s WHERE p.id = 1 AND s.slot <= s.now + ? * interval '1 millisecond'
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM taken), extract(epoch FROM s.slot - s.now) * 1000 FROM s
            """;

    private static final String SPREAD = """
            UPDATE kustomer_pacing SET spread_spacing_ms = ?, spread_until = ?, kustomer_remaining = ?,
                kustomer_reset = ?, next_request_at = greatest(next_request_at, last_request_at + ? * interval '1 millisecond')
            WHERE id = 1
            """;

    private static final String PAUSE_FOR_RATE_LIMIT = """
            UPDATE kustomer_pacing SET rate_paused_until = ?, rate_pause_reason = ?, rate_paused_by = ?,
                kustomer_remaining = 0, kustomer_reset = ?
            WHERE id = 1 AND rate_paused_until < ?
            """;

    private static final String PAUSE_FOR_CREDENTIALS = """
            UPDATE kustomer_pacing SET credentials_problem = ?, credentials_seen_by = ?, credentials_recheck_at = ?,
                credentials_probed_by = NULL
            WHERE id = 1
            """;

    private static final String TAKE_PROBE = """
            UPDATE kustomer_pacing SET credentials_recheck_at = ?, credentials_probed_by = ?
            WHERE id = 1 AND credentials_problem IS NOT NULL AND credentials_recheck_at <= ?
            """;

    private static final String CREDENTIALS_ACCEPTED = """
            UPDATE kustomer_pacing SET credentials_problem = NULL, credentials_seen_by = NULL,
                credentials_recheck_at = NULL, credentials_probed_by = NULL
            WHERE id = 1 AND credentials_problem IS NOT NULL
            """;

    /** The table is unlogged: after a crash of PostgreSQL it is empty, and the row is put back. */
    private static final String RESTORE_ROW = "INSERT INTO kustomer_pacing (id) VALUES (1) ON CONFLICT (id) DO NOTHING";

    private static final String HEARTBEAT = """
            INSERT INTO relay_instance (id, started_at, heartbeat_at) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """;

    private static final String STATE = """
            SELECT rate_paused_until, rate_pause_reason, rate_paused_by, credentials_problem, credentials_seen_by,
                   credentials_recheck_at, window_started_at, window_spent, kustomer_remaining, kustomer_reset
            FROM kustomer_pacing WHERE id = 1
            """;

    private static final String INSTANCES = """
            SELECT id, started_at, heartbeat_at FROM relay_instance WHERE heartbeat_at >= ? ORDER BY started_at, id
            """;

    private final DataSource dataSource;

    public PostgresDeliveryCoordination(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Slot takeRequestSlot(Duration spacing, Duration window, Duration ahead) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement take = connection.prepareStatement(TAKE_SLOT)) {
            double spacingMillis = spacing.toNanos() / 1e6;
            take.setDouble(1, spacingMillis);
            take.setDouble(2, spacingMillis);
            take.setLong(3, window.toMillis());
            take.setLong(4, window.toMillis());
            take.setDouble(5, ahead.toNanos() / 1e6);
            for (int attempt = 0; ; attempt++) {
                try (ResultSet row = take.executeQuery()) {
                    if (row.next()) {
                        return new Slot(row.getBoolean(1),
                                Duration.ofNanos(Math.max(0, (long) (row.getDouble(2) * 1e6))));
                    }
                }
                if (attempt > 0) {
                    throw new SQLException("kustomer_pacing has no row, and it could not be put back");
                }
                restoreRow(connection);
            }
        } catch (SQLException e) {
            throw failure("take a request slot", e);
        }
    }

    @Override
    public void spread(Duration spacing, Instant until, int remaining) {
        double spacingMillis = spacing.toNanos() / 1e6;
        update("spread Kustomer's remaining budget", SPREAD, spacingMillis, Timestamp.from(until), remaining,
                Timestamp.from(until), spacingMillis);
    }

    @Override
    public boolean pauseForRateLimit(Instant until, String reason, String seenBy) {
        return update("pause for Kustomer's rate limit", PAUSE_FOR_RATE_LIMIT, Timestamp.from(until), reason, seenBy,
                Timestamp.from(until), Timestamp.from(until)) > 0;
    }

    @Override
    public void pauseForCredentials(Instant recheckAt, String reason, String seenBy) {
        update("pause for a refused key", PAUSE_FOR_CREDENTIALS, reason, seenBy, Timestamp.from(recheckAt));
    }

    @Override
    public boolean takeCredentialsProbe(Instant now, Instant nextRecheckAt, String prober) {
        return update("take the key's re-check", TAKE_PROBE, Timestamp.from(nextRecheckAt), prober,
                Timestamp.from(now)) > 0;
    }

    @Override
    public void credentialsAccepted() {
        update("end the credentials pause", CREDENTIALS_ACCEPTED);
    }

    @Override
    public void heartbeat(String instance, Instant startedAt, Instant at) {
        update("record this instance's heartbeat", HEARTBEAT, instance, Timestamp.from(startedAt), Timestamp.from(at));
    }

    @Override
    public void leave(String instance) {
        update("remove this instance", "DELETE FROM relay_instance WHERE id = ?", instance);
    }

    @Override
    public State state(Instant now, Duration window, Duration heartbeatsWithin) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement pacing = connection.prepareStatement(STATE);
                PreparedStatement instances = connection.prepareStatement(INSTANCES)) {
            Optional<Pause> rateLimit;
            Optional<Pause> credentials;
            BudgetWindow budget;
            try (ResultSet row = pacing.executeQuery()) {
                if (!row.next()) {
                    restoreRow(connection);
                    return new State(Optional.empty(), Optional.empty(), new BudgetWindow(Instant.EPOCH, 0,
                            OptionalInt.empty(), Optional.empty()), List.of());
                }
                Instant rateUntil = instant(row, "rate_paused_until");
                rateLimit = rateUntil.isAfter(now) ? Optional.of(new Pause(rateUntil,
                        row.getString("rate_pause_reason"), row.getString("rate_paused_by"))) : Optional.empty();
                String problem = row.getString("credentials_problem");
                credentials = problem == null ? Optional.empty() : Optional.of(new Pause(
                        instant(row, "credentials_recheck_at"), problem, row.getString("credentials_seen_by")));
                Instant currentWindow = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), window.toMillis())
                        * window.toMillis());
                boolean current = instant(row, "window_started_at").equals(currentWindow);
                Instant reset = row.getTimestamp("kustomer_reset") == null ? null : instant(row, "kustomer_reset");
                boolean kustomerCurrent = reset != null && reset.isAfter(now);
                int remaining = row.getInt("kustomer_remaining");
                budget = new BudgetWindow(currentWindow, current ? row.getInt("window_spent") : 0,
                        kustomerCurrent && !row.wasNull() ? OptionalInt.of(remaining) : OptionalInt.empty(),
                        kustomerCurrent ? Optional.of(reset) : Optional.empty());
            }
            List<Instance> alive = new ArrayList<>();
            instances.setTimestamp(1, Timestamp.from(now.minus(heartbeatsWithin)));
            try (ResultSet rows = instances.executeQuery()) {
                while (rows.next()) {
                    alive.add(new Instance(rows.getString(1), rows.getTimestamp(2).toInstant(),
                            rows.getTimestamp(3).toInstant()));
                }
            }
            return new State(rateLimit, credentials, budget, alive);
        } catch (SQLException e) {
            throw failure("read how delivery stands", e);
        }
    }

    @Override
    public void lockCreationWindows(Collection<String> keys) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 13))")) {
            // One order for every instance, so two of them locking overlapping keys cannot deadlock.
            for (String key : new TreeSet<>(keys)) {
                lock.setString(1, key);
                lock.execute();
            }
        } catch (SQLException e) {
            throw failure("lock creation windows", e);
        }
    }

    @Override
    public Map<String, List<Instant>> creationsSince(Collection<String> keys, Instant since) {
        Map<String, List<Instant>> creations = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT resource_key, created_at, creations FROM creation_window
                        WHERE resource_key = ANY (?) AND created_at >= ? ORDER BY created_at""")) {
            select.setArray(1, connection.createArrayOf("text", keys.toArray()));
            select.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    List<Instant> instants = creations.computeIfAbsent(rows.getString(1), k -> new ArrayList<>());
                    Instant at = rows.getTimestamp(2).toInstant();
                    for (int i = 0; i < rows.getInt(3); i++) {
                        instants.add(at);
                    }
                }
            }
            return creations;
        } catch (SQLException e) {
            throw failure("read creation windows", e);
        }
    }

    @Override
    public void recordCreations(String reservation, Map<String, Integer> counts, Instant at, Instant forgetBefore) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement forget = connection.prepareStatement(
                        "DELETE FROM creation_window WHERE resource_key = ANY (?) AND created_at < ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO creation_window (reservation, resource_key, created_at, creations) "
                                + "VALUES (?, ?, ?, ?)")) {
            forget.setArray(1, connection.createArrayOf("text", counts.keySet().toArray()));
            forget.setTimestamp(2, Timestamp.from(forgetBefore));
            forget.executeUpdate();
            for (Map.Entry<String, Integer> count : counts.entrySet()) {
                insert.setString(1, reservation);
                insert.setString(2, count.getKey());
                insert.setTimestamp(3, Timestamp.from(at));
                insert.setInt(4, count.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw failure("record creations", e);
        }
    }

    @Override
    public void redateCreations(String reservation, Instant at) {
        update("redate creations", "UPDATE creation_window SET created_at = ? WHERE reservation = ?",
                Timestamp.from(at), reservation);
    }

    private static void restoreRow(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(RESTORE_ROW)) {
            insert.executeUpdate();
        }
    }

    private int update(String what, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Unset times are the epoch (the tables' default), so "not paused" compares as before any time. */
    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? Instant.EPOCH : value.toInstant();
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
