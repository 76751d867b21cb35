package com.kustomergateway.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the database allows, pgbench's way: 16 clients, each on a connection of its own, inserting the gateway's own
 * outbox row (a row the accept path stored, with a new id and resource) into {@code bench_outbox}, a copy of the
 * {@code operation} table with all its indexes and constraints, one autocommitted prepared {@code INSERT … RETURNING
 * *} after another. Every other figure of the run is set beside these.
 */
final class BaselineInsert implements Scenario {

    @Override
    public String title() {
        return "Baseline: the outbox row inserted straight into Postgres (JDBC, pgbench-style)";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        String template = "cust_baseline_template";
        if (!BenchRun.succeeded(run.load(run.accepting()).post(BenchRun.customerUpdate(template)))) {
            throw new IllegalStateException("the accept path refused the baseline's template mutation");
        }
        String schema = run.outbox.schema;
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (Connection db = run.connect(); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE " + schema + ".bench_outbox (LIKE " + schema + ".operation INCLUDING ALL)");
            try (ResultSet rows = st.executeQuery("SELECT column_name, udt_name FROM information_schema.columns "
                    + "WHERE table_schema = '" + schema + "' AND table_name = 'operation' AND is_identity = 'NO' "
                    + "AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                    types.add(rows.getString(2));
                }
            }
            try (ResultSet row = st.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + schema
                    + ".operation WHERE resource_key = 'customer:" + template + "'")) {
                if (!row.next()) {
                    throw new IllegalStateException("the template mutation's row is not in the outbox");
                }
                for (int i = 1; i <= columns.size(); i++) {
                    values.add(row.getString(i));
                }
            }
        }
        String insert = "INSERT INTO " + schema + ".bench_outbox (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", types.stream().map(type -> "CAST(? AS " + type + ")").toList()) + ") RETURNING *";
        int id = columns.indexOf("id");
        int resource = columns.indexOf("resource_key");
        int idempotencyKey = columns.indexOf("idempotency_key");

        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + run.settings.measure().toNanos();
        List<long[]> latencies = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        Usage usage = Usage.watch(0);
        long start = System.nanoTime();
        for (int c = 0; c < run.settings.clients(); c++) {
            Thread client = new Thread(() -> {
                long[] mine = new long[1024];
                int size = 0;
                try (Connection db = run.connect(); PreparedStatement statement = db.prepareStatement(insert)) {
                    while (System.nanoTime() < deadline) {
                        for (int i = 0; i < columns.size(); i++) {
                            String value = i == id ? UUID.randomUUID().toString()
                                    : i == resource ? "customer:cust_baseline_" + sequence.getAndIncrement()
                                    : i == idempotencyKey ? null : values.get(i);
                            statement.setString(i + 1, value);
                        }
                        long sent = System.nanoTime();
                        try (ResultSet ignored = statement.executeQuery()) {
                            if (size == mine.length) {
                                mine = Arrays.copyOf(mine, size * 2);
                            }
                            mine[size++] = System.nanoTime() - sent;
                        }
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine, size));
                }
            }, "baseline-" + c);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Usage.Report cpu = usage.stop();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("baseline inserts failed", failures.get(0));
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long stored = countBench(run);
        if (all.length == 0 || stored != all.length) {
            throw new IllegalStateException(all.length + " inserts answered, " + stored + " rows in bench_outbox");
        }
        Load.Latencies latency = Load.Latencies.of(all);
        double perSecond = all.length / seconds;
        run.baseline(new BenchRun.Baseline(perSecond, latency.p50(), latency.p99(),
                cpu.postgresMillisEach(perSecond)));
        String clientsNote = run.settings.clients() + " clients; " + cpu.summary();
        return List.of(Figure.of("inserts", perSecond, "/s", clientsNote).against(perSecond),
                Figure.of("insert latency p50", latency.p50(), "ms", "").against(latency.p50()),
                Figure.of("insert latency p99", latency.p99(), "ms", "").against(latency.p99()),
                Figure.of("Postgres CPU per insert", cpu.postgresMillisEach(perSecond), "ms", "")
                        .against(cpu.postgresMillisEach(perSecond)));
    }

    private static long countBench(BenchRun run) throws SQLException {
        try (Connection db = run.connect(); Statement st = db.createStatement();
                ResultSet row = st.executeQuery("SELECT count(*) FROM " + run.outbox.schema + ".bench_outbox")) {
            row.next();
            return row.getLong(1);
        }
    }
}
