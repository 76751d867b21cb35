package com.kustomergateway.bench;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.testing.Callers;
import com.kustomergateway.testing.GatewayProcess;
import com.kustomergateway.testing.Outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * What the scenarios of one run share: an outbox schema of its own in the tests' database, the Kustomer stand-in
 * (in this JVM), a caller's token, and at most one packaged gateway at a time: one that only accepts (relay off,
 * answering as soon as the change is committed) or one that delivers (relay on, pacing far above any Kustomer plan
 * so that the gateway, not its pacing, is measured). Both run with the JVM options the gateway ships with
 * ({@link GatewayProcess#SHIPPED_JVM_OPTIONS}).
 */
final class BenchRun implements AutoCloseable {

    /** How long each scenario measures: {@code smoke} only proves that it runs, {@code full} measures. */
    record Settings(String mode, Duration warmUp, Duration measure, int clients, int relayWarmUp,
            int relayOperations, int delayedRelayWarmUp, int delayedRelayOperations, int latencyWarmUp,
            int latencyMutations, int rssClients) {

        static Settings of(String mode) {
            return switch (mode) {
                case "smoke" -> new Settings(mode, Duration.ofSeconds(2), Duration.ofSeconds(3), 16, 40, 200, 0, 0,
                        40, 20, 64);
                // A fresh gateway's JIT compiles for tens of thousands of deliveries on 2 cores (after 10,000 its
                // compiler threads still used 0.41 of the gateway's 1.04 cores, after 40,000 none), so the relay is
                // measured after 40,000: the figure of a gateway that has been running, as one in service has.
                case "full" -> new Settings(mode, Duration.ofSeconds(45), Duration.ofSeconds(20), 16,
                        Integer.getInteger("bench.relayWarmUp", 40_000), 5000, 800, 400, 5000, 500, 64);
                default -> throw new IllegalArgumentException("bench.mode is smoke or full, not " + mode);
            };
        }
    }

    /** The baseline's figures, once measured; the other scenarios set their figures beside them. */
    record Baseline(double insertsPerSecond, double p50Millis, double p99Millis, double postgresMillisEach) {
        static final Baseline NONE = new Baseline(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A request as the stand-in received it, with the wall-clock time of its arrival (microseconds). */
    record Arrival(Instant at, String method, String url) {
    }

    final Settings settings;
    final boolean profile;
    final KustomerStandIn kustomer = new KustomerStandIn();
    final Outbox outbox = new Outbox("bench");
    final String token = Callers.everyRole();
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private Baseline baseline = Baseline.NONE;
    private final Map<String, Path> recordings = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private GatewayProcess accepting;
    private GatewayProcess relaying;

    BenchRun(Settings settings, boolean profile) {
        this.settings = settings;
        this.profile = profile;
        kustomer.start();
        kustomer.server().addMockServiceRequestListener((request, response) ->
                arrivals.add(new Arrival(Instant.now(), request.getMethod().getName(), request.getUrl())));
    }

    /** A Java Flight Recording a scenario made, for the report to summarise. */
    void profiled(String scenario, Path recording) {
        recordings.put(scenario, recording);
    }

    Map<String, Path> recordings() {
        return recordings;
    }

    /** Text a scenario leaves for the report's end, such as what a gateway's memory is made of. */
    void note(String title, String markdown) {
        notes.put(title, markdown);
    }

    Map<String, String> notes() {
        return notes;
    }

    Baseline baseline() {
        return baseline;
    }

    void baseline(Baseline measured) {
        baseline = measured;
    }

    /** The gateway that only accepts: relay off, await window 0 s. Stops the delivering one. */
    GatewayProcess accepting() {
        stopRelaying();
        if (accepting == null) {
            accepting = startAccepting("accepting", Map.of());
        }
        return accepting;
    }

    /** Another gateway that only accepts, with settings of its own besides; its caller stops it. */
    GatewayProcess startAccepting(String name, Map<String, String> settings) {
        return start(name, onlyAccepting(settings));
    }

    /** {@code settings} and those of a gateway that only accepts: relay off, await window 0 s. */
    static Map<String, String> onlyAccepting(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("GATEWAY_RELAY_ENABLED", "false");
        all.put("GATEWAY_AWAIT_WINDOW", "0s");
        return all;
    }

    /** The gateway that delivers: relay on, the default await window. Stops the accepting one. */
    GatewayProcess relaying() {
        if (accepting != null) {
            accepting.close();
            accepting = null;
        }
        if (relaying == null) {
            relaying = start("relaying", Map.of("GATEWAY_KUSTOMER_REQUESTS_PER_MINUTE", "1000000"));
        }
        return relaying;
    }

    /** Stops the delivering gateway, so the next {@link #relaying()} starts on what is queued then. */
    void stopRelaying() {
        if (relaying != null) {
            relaying.close();
            relaying = null;
        }
    }

    private GatewayProcess start(String name, Map<String, String> settings) {
        return start(name, settings, GatewayProcess.SHIPPED_JVM_OPTIONS);
    }

    /** A gateway with JVM options of its own: none runs it with the JVM's defaults. */
    GatewayProcess start(String name, Map<String, String> settings, List<String> jvmOptions) {
        return gateway(name, settings, jvmOptions).start();
    }

    /** A gateway not started yet, for a scenario to set more (another build's jar) before it starts it. */
    GatewayProcess gateway(String name, Map<String, String> settings, List<String> jvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions);
        // -Dbench.jvm="…": options to try on every gateway of the run (its scenarios loaded in turns compare alike).
        options.addAll(List.of(System.getProperty("bench.jvm", "").trim().split("\\s+")).stream()
                .filter(option -> !option.isEmpty()).toList());
        if (profile) {
            // What the resident memory is made of (RssUnderLoad), at the cost of a little CPU and memory of its own.
            options.add("-XX:NativeMemoryTracking=summary");
        }
        GatewayProcess gateway = new GatewayProcess(name,
                GatewayProcess.connections(outbox, kustomer.baseUrl(), KustomerStandIn.API_KEY), "bench")
                .withJvmOptions(options.toArray(String[]::new));
        if (jvmOptions.equals(GatewayProcess.SHIPPED_JVM_OPTIONS)) {
            GatewayProcess.SHIPPED_ENVIRONMENT.forEach(gateway::with);
        }
        settings.forEach(gateway::with);
        // -Dbench.env="NAME=value …": environment variables to try on every gateway of the run, as -Dbench.jvm.
        for (String variable : System.getProperty("bench.env", "").trim().split("\\s+")) {
            int equals = variable.indexOf('=');
            if (equals > 0) {
                gateway.with(variable.substring(0, equals), variable.substring(equals + 1));
            }
        }
        return gateway;
    }

    Load load(GatewayProcess gateway) {
        return new Load(gateway.url(), token);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(outbox.jdbcUrl(null), Outbox.USER, Outbox.PASSWORD);
    }

    /**
     * Drops the operations earlier scenarios left queued (the accept path's are never delivered), so that a relaying
     * gateway started next delivers only its own scenario's, and vacuums the table as autovacuum would have after so
     * many dead rows: a Postgres with autovacuum off (as on the machine of bench/RESULTS.md) keeps every dead version
     * in the pending index, and each claim walks them. Before the schema exists there is nothing to drop.
     */
    void forgetQueued() throws SQLException {
        try (Connection db = connect(); Statement st = db.createStatement()) {
            boolean exists;
            try (ResultSet table = st.executeQuery(
                    "SELECT to_regclass('" + outbox.schema + ".operation') IS NOT NULL")) {
                exists = table.next() && table.getBoolean(1);
            }
            if (exists) {
                st.execute("DELETE FROM " + outbox.schema + ".operation WHERE status = 'QUEUED'");
                st.execute("VACUUM ANALYZE " + outbox.schema + ".operation");
            }
        }
    }

    /** How many requests of the method whose URL starts so the stand-in received since the last take. */
    long arrived(String method, String urlPrefix) {
        return arrivals.stream().filter(a -> a.method().equals(method) && a.url().startsWith(urlPrefix)).count();
    }

    List<Arrival> takeArrivals() {
        List<Arrival> taken = new ArrayList<>();
        for (Arrival arrival; (arrival = arrivals.poll()) != null; ) {
            taken.add(arrival);
        }
        return taken;
    }

    static void await(String what, Duration atMost, BooleanSupplier done) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not happen within " + atMost);
            }
            GatewayProcess.sleep(20);
        }
    }

    /** One updateCustomerData as a frontend sends it: a fixed query, six attributes in its variables. */
    static String customerUpdate(String customerId) {
        return "{\"query\":\"mutation Update($customerId: String!, $data: [KeyValueInput!]!) { "
                + "updateCustomerData(customerId: $customerId, personalizationData: $data) "
                + "{ success customerId operationId status } }\","
                + "\"variables\":{\"customerId\":\"" + customerId + "\",\"data\":["
                + "{\"key\":\"communication_preference\",\"value\":\"email_only\"},"
                + "{\"key\":\"loyalty_tier\",\"value\":\"gold\"},"
                + "{\"key\":\"preferred_language\",\"value\":\"en-GB\"},"
                + "{\"key\":\"lifetimeValueNum\",\"value\":\"1249.50\"},"
                + "{\"key\":\"newsletter_topics\",\"value\":\"product updates, offers\"},"
                + "{\"key\":\"last_campaign\",\"value\":\"spring-2024-loyalty\"}]}}";
    }

    static boolean succeeded(String answer) {
        return answer.contains("\"success\":true");
    }

    long count(String where) {
        return outbox.count(where);
    }

    @Override
    public void close() {
        if (accepting != null) {
            accepting.close();
        }
        stopRelaying();
        kustomer.stop();
        outbox.close();
    }
}
