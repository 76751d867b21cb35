package com.kustomergateway.adapters.persistence;

import static com.kustomergateway.testing.Changes.note;
import static com.kustomergateway.testing.Changes.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.OperationStore;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * What the outbox's two statements that matter most become in SQL: Hibernate writes them, and a change of mapping,
 * dialect or version must not quietly lose the clause that makes each correct under concurrency.
 */
@QuarkusTest
@TestProfile(PersistenceTestProfile.class)
@WithTestResource(PrivateSchema.class)
class EmittedSqlTest {

    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00.123456Z");

    @Inject
    OperationStore store;

    @Inject
    @PersistenceUnitExtension
    EmittedSql emitted;

    @Inject
    DataSource dataSource;

    @Test
    void theAcceptIsOneInsertThatLeavesATakenKeyAlone() {
        Operation operation = Operation.accept(OperationId.random(), note(unique("conv")),
                Optional.of(new IdempotencyKey(unique("key"))), T0);

        List<String> sql = emitted.of(() -> QuarkusTransaction.requiringNew().run(() -> store.acceptOnce(operation)));

        assertThat(sql).hasSize(1);
        assertThat(sql.get(0)).startsWithIgnoringCase("insert into operation")
                .containsIgnoringCase("on conflict do nothing");
    }

    @Test
    void theClaimSkipsRowsAnotherClaimerHasLocked() {
        store.acceptOnce(Operation.accept(OperationId.random(), note(unique("conv")), Optional.empty(), T0));

        List<String> sql = emitted.of(() -> store.claimDue(T0, "relay-a", T0.plusSeconds(30), 10));

        // The planner's settings for this transaction, then one statement: the due rows locked, leased and
        // returned. Postgres's row lock for writing anything but a key; claimers take the same one, so they skip
        // each other's.
        assertThat(sql).hasSize(2);
        assertThat(sql.get(0)).startsWithIgnoringCase("select set_config('enable_sort', 'off', true)");
        assertThat(sql.get(1)).startsWithIgnoringCase("with due as")
                .containsPattern("(?i)for no key update of o skip locked")
                .containsPattern("(?i)update operation\\s+set status = 'IN_FLIGHT'")
                .containsIgnoringCase("returning operation.*");
    }

    /**
     * Delivered operations stay in the table for the audit (retention) and hold the lowest seqs; a backlog (Kustomer
     * away for a while) comes faster than autovacuum analyzes the table again. Whatever the statistics say, the
     * claim's plan walks the pending index from its head and stops at the limit: it never reads the table, the
     * index of every seq, or every pending row (a bitmap scan, a sort, a hash join). Planned by this Postgres on
     * 10,000 delivered operations and a backlog of 5,000, with the statistics from before the backlog (which say
     * none is pending) and then with fresh ones.
     */
    @Test
    void theClaimWalksThePendingIndexWhateverTheStatisticsSay() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("delete from operation");
            try {
                accept(statement, 10_000, "DELIVERED", null);
                statement.execute("vacuum analyze operation");
                accept(statement, 5_000, "QUEUED", "now()");
                assertWalksThePendingIndex(claimPlan(connection), "statistics from before the backlog");
                statement.execute("analyze operation");
                assertWalksThePendingIndex(claimPlan(connection), "statistics of the backlog");
            } finally {
                statement.execute("delete from operation");
            }
        }
    }

    private static void accept(Statement statement, int operations, String status, String nextAttemptAt)
            throws SQLException {
        statement.execute("""
                insert into operation (id, kind, resource_key, status, payload, accepted_at, updated_at,
                    failed_attempts, next_attempt_at, remote_ids)
                select gen_random_uuid(), 'ADD_NOTE', 'conversation:planned_' || gen_random_uuid(), '%s', '{}',
                    now(), now(), 0, %s, '[]'
                from generate_series(1, %d)
                """.formatted(status, nextAttemptAt, operations));
    }

    private static List<String> claimPlan(Connection connection) throws SQLException {
        List<String> plan = new ArrayList<>();
        String claim = PostgresOperationStore.CLAIM.replace(":leaseUntil", "now() + interval '1 minute'")
                .replace(":now", "now()").replace(":limit", "8").replace(":owner", "'relay-a'");
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(PostgresOperationStore.CLAIM_PLAN);
            try (ResultSet lines = statement.executeQuery("explain " + claim)) {
                while (lines.next()) {
                    plan.add(lines.getString(1));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return plan;
    }

    private static void assertWalksThePendingIndex(List<String> plan, String statistics) {
        assertThat(plan).as("the claim's plan on the %s", statistics)
                .anyMatch(line -> line.contains("Index Scan using operation_pending on operation o"))
                .noneMatch(line -> line.contains("operation_seq_key"))
                .noneMatch(line -> line.contains("Seq Scan"))
                .noneMatch(line -> line.contains("Bitmap"))
                .noneMatch(line -> line.contains("Hash"))
                .noneMatch(line -> line.contains("Sort Key: o.seq"))
                .as("the claim's plan on the %s, compiled by Postgres's JIT", statistics)
                .noneMatch(line -> line.startsWith("JIT"));
    }
}
