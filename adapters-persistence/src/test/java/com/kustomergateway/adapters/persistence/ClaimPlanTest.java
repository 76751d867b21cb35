package com.kustomergateway.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The claim's plan, as this Postgres makes it for the statement V8 deployed, with the settings V8 gave it: the claim
 * must read only what it claims, whatever the table's statistics say.
 */
@QuarkusTest
@TestProfile(PersistenceTestProfile.class)
@WithTestResource(PrivateSchema.class)
class ClaimPlanTest {

    @Inject
    DataSource dataSource;

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

    /**
     * The plan of the statement the claim function runs, from its deployed text, with its parameters as literals and
     * under the function's own settings (pg_proc.proconfig).
     */
    private static List<String> claimPlan(Connection connection) throws SQLException {
        String body;
        List<String> settings = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet function = statement.executeQuery(
                        "select prosrc, proconfig from pg_proc where oid = to_regproc('claim_due_operations')")) {
            assertThat(function.next()).as("the claim function V8 creates").isTrue();
            body = function.getString(1);
            Array config = function.getArray(2);
            if (config != null) {
                settings.addAll(List.of((String[]) config.getArray()));
            }
        }
        String query = body.substring(body.indexOf("RETURN QUERY") + "RETURN QUERY".length(), body.lastIndexOf(';'))
                .replace("claim_lease_until", "now() + interval '1 minute'").replace("claim_now", "now()")
                .replace("claim_limit", "8").replace("claim_owner", "'relay-a'");
        List<String> plan = new ArrayList<>();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String setting : settings) {
                String[] nameValue = setting.split("=", 2);
                statement.execute("select set_config('" + nameValue[0] + "', '" + nameValue[1] + "', true)");
            }
            try (ResultSet lines = statement.executeQuery("explain " + query)) {
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
