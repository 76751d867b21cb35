import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Measures the gateway against the limits of this machine and of Kustomer, and writes {@code bench/RESULTS.md}.
 * Started by {@code bench/run.sh}, which builds the gateway and installs the tools first; see that script for the
 * settings. Every process started here (the Kustomer stand-in, gateways, wrk, pgbench) is stopped before it ends,
 * and the database it made is dropped.
 */
public final class Bench {

    static final String API_KEY = "bench-key-not-a-real-kustomer-key";

    /** The benchmark is its own identity provider: the gateway trusts this issuer and key, made for this run. */
    static final CallerToken CALLER = CallerToken.create();
    static final double CLOCK_TICKS = 100.0;
    static final String ACCEPT_ONLY = "relay off, await window 0 s";
    static final String RELAY_OFF_WINDOW = "relay off, await window 2 s (default)";
    static final String RELAY_ON_WINDOW = "relay on, await window 2 s (default), stand-in at once";
    static final String ACCEPT_TRACED = "relay off, await window 0 s, traced (every request, OTLP/HTTP)";

    final Path repo;
    final Path out;
    final Settings settings;
    final String database;
    final List<Process> started = new ArrayList<>();
    final Results results = new Results();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    String standInUrl;
    Process standIn;
    String pgbench;

    /** The knobs, from the environment; the defaults make a run of a few minutes. */
    record Settings(String pgHost, int pgPort, String pgUser, String pgPassword, int seconds, int warmupSeconds,
            int relayOperations, int slowRelayOperations, int latencyMutations, int relayConcurrency) {
        static Settings fromEnvironment() {
            return new Settings(env("PGHOST", "127.0.0.1"), Integer.parseInt(env("PGPORT", "5432")),
                    env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"),
                    Integer.parseInt(env("BENCH_SECONDS", "15")), Integer.parseInt(env("BENCH_WARMUP_SECONDS", "10")),
                    Integer.parseInt(env("BENCH_RELAY_OPERATIONS", "5000")),
                    Integer.parseInt(env("BENCH_SLOW_RELAY_OPERATIONS", "800")),
                    Integer.parseInt(env("BENCH_LATENCY_MUTATIONS", "1000")),
                    Integer.parseInt(env("GATEWAY_RELAY_CONCURRENCY", "8")));
        }

        String jdbc(String db) {
            return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + db;
        }
    }

    Bench(Path repo, Settings settings) {
        this.repo = repo;
        this.out = repo.resolve("bench/out");
        this.settings = settings;
        this.database = "kgw_bench_" + ProcessHandle.current().pid();
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Bench bench = new Bench(repo, Settings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bench.stopAll();
            bench.dropDatabase();
        }));
        try {
            bench.run();
        } finally {
            bench.stopAll();
            bench.dropDatabase();
        }
    }

    void run() throws Exception {
        Files.createDirectories(out);
        pgbench = findPgbench();
        results.machine = Machine.describe(repo, settings);
        log("Machine: " + results.machine.cpu() + ", " + results.machine.cores() + " cores; load average "
                + results.machine.loadAverage());
        createDatabase();
        standInUrl = startStandIn();

        // (2) and (6): the accept path alone, and the footprint of the gateway that serves it.
        Gateway accepting = startGateway("accept", Map.of("GATEWAY_RELAY_ENABLED", "false",
                "GATEWAY_AWAIT_WINDOW", "0s"));
        results.startup = accepting.startup;
        results.quarkusStartup = accepting.quarkusStartedIn();
        Thread.sleep(3_000);
        results.idleRssMb = Proc.rssMb(accepting.pid());
        log("Warming up the accept path for " + settings.warmupSeconds + " s");
        wrk(accepting, 16, settings.warmupSeconds, "warm");
        results.accept16 = measureAccept(ACCEPT_ONLY, accepting, 16, "a16");
        results.accept64 = measureAccept(ACCEPT_ONLY, accepting, 64, "a64");
        results.acceptedRows = count("SELECT count(*) FROM operation WHERE resource_key LIKE 'customer:cust_a%'");
        accepting.stop();

        // (7) The same accept path with tracing on: an OTLP endpoint set (a sink here that takes every export and
        // keeps none), so every request is a sampled trace exported over OTLP/HTTP; the figure above is tracing off.
        try (OtlpSink sink = OtlpSink.start()) {
            Gateway traced = startGateway("accept-traced", Map.of("GATEWAY_RELAY_ENABLED", "false",
                    "GATEWAY_AWAIT_WINDOW", "0s", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", sink.url(),
                    "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
            wrk(traced, 16, settings.warmupSeconds, "warm-traced");
            results.acceptTraced16 = measureAccept(ACCEPT_TRACED, traced, 16, "t16");
            results.otlpExports = sink.exports();
            traced.stop();
        }

        // The accept path as shipped when the relay is off: every call also waits out the await window.
        Gateway waiting = startGateway("accept-await", Map.of("GATEWAY_RELAY_ENABLED", "false"));
        results.acceptDefaultWindow = measureAccept(RELAY_OFF_WINDOW, waiting, 16, "w16", 5);
        waiting.stop();

        // (1) The ceiling: the same row, straight into the same Postgres.
        results.baseline = pgbenchBaseline();

        // (3), (4), (5): one gateway with the relay on, paced far above any Kustomer plan so that pacing is not what
        // is measured.
        try (Connection db = connect()) {
            db.createStatement().execute("CREATE TABLE bench_queue AS SELECT * FROM operation "
                    + "WHERE resource_key LIKE 'customer:cust_a%' ORDER BY seq LIMIT "
                    + Math.max(settings.relayOperations, settings.slowRelayOperations));
            db.createStatement().execute("TRUNCATE operation CASCADE");
        }
        Gateway relaying = startGateway("relay", Map.of("GATEWAY_KUSTOMER_REQUESTS_PER_MINUTE", "1000000"));
        results.relayFast = measureRelay(relaying, settings.relayOperations, 0);
        results.relaySlow = measureRelay(relaying, settings.slowRelayOperations, 100);
        standIn("POST", "delay?ms=0");
        // As frontends use it: each mutation waits for its delivery and answers DELIVERED with Kustomer's id.
        results.acceptDelivered = measureAccept(RELAY_ON_WINDOW, relaying, 16, "d16");
        await(Duration.ofMinutes(2), () -> count("SELECT count(*) FROM operation "
                + "WHERE status IN ('QUEUED', 'IN_FLIGHT', 'RETRYING')") == 0);
        Thread.sleep(2_000);
        results.latency = measureLatency(relaying);
        for (int objects : new int[] {1, 10, 100, 1000}) {
            results.budget.add(measureBudget(relaying, objects));
        }
        results.relayRssMb = Proc.rssMb(relaying.pid());
        relaying.stop();

        Path written = repo.resolve("bench/RESULTS.md");
        Files.writeString(written, Report.markdown(results, settings));
        log("Wrote " + repo.relativize(written));
    }

    // ---------------------------------------------------------------------------------------------- measurements

    Accept measureAccept(String mode, Gateway gateway, int clients, String prefix) throws Exception {
        return measureAccept(mode, gateway, clients, prefix, settings.seconds);
    }

    Accept measureAccept(String mode, Gateway gateway, int clients, String prefix, int seconds) throws Exception {
        log("Accept path (" + mode + "): " + clients + " clients for " + seconds + " s");
        long before = count("SELECT count(*) FROM operation");
        Usage usage = Usage.start(gateway.pid(), standInPid());
        RssPeak peak = RssPeak.watch(gateway.pid());
        Map<String, Long> figures = wrk(gateway, clients, seconds, prefix);
        double rssPeak = peak.stop();
        Usage.Report cpu = usage.stop();
        long stored = count("SELECT count(*) FROM operation") - before;
        double perSecond = figures.get("requests") / (figures.get("duration_us") / 1e6);
        Accept accept = new Accept(mode, clients, perSecond, figures.get("requests"), stored, figures.get("p50_us") / 1e3,
                figures.get("p99_us") / 1e3, figures.get("max_us") / 1e3,
                figures.get("non2xx") + figures.get("errors"), cpu, rssPeak);
        log(String.format(Locale.ROOT, "  %.0f mutations/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s", perSecond,
                accept.p50Ms(), accept.p99Ms(), accept.maxMs(), cpu.summary()));
        return accept;
    }

    Map<String, Long> wrk(Gateway gateway, int clients, int seconds, String prefix) throws Exception {
        Path output = out.resolve("wrk-" + prefix + ".txt");
        run(output, seconds + 60, "wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--timeout", "10s",
                "-s", repo.resolve("bench/accept.lua").toString(), gateway.url(), "--", prefix, CALLER.token());
        String text = Files.readString(output);
        Matcher line = Pattern.compile("BENCH (.*)").matcher(text);
        if (!line.find()) {
            throw new IllegalStateException("wrk printed no figures; see " + output);
        }
        Map<String, Long> figures = new HashMap<>();
        for (String pair : line.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            figures.put(kv[0], Long.parseLong(kv[1]));
        }
        return figures;
    }

    Baseline pgbenchBaseline() throws Exception {
        String payload;
        double payloadBytes;
        try (Connection db = connect(); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE bench_outbox (LIKE operation INCLUDING ALL)");
            try (ResultSet row = st.executeQuery("SELECT payload::text, (SELECT avg(octet_length(payload::text)) "
                    + "FROM operation WHERE resource_key LIKE 'customer:cust_a%') FROM operation "
                    + "WHERE resource_key LIKE 'customer:cust_a%' ORDER BY seq LIMIT 1")) {
                row.next();
                payload = row.getString(1);
                payloadBytes = row.getDouble(2);
            }
        }
        // The gateway's INSERT, with the columns it sets; pgbench reads ':name' as a variable, hence chr(58).
        Path script = out.resolve("outbox-insert.sql");
        Files.writeString(script, "\\set r random(1, 1000000000)\n"
                + "INSERT INTO bench_outbox (id, kind, resource_key, status, idempotency_key, payload, accepted_at, "
                + "updated_at, failed_attempts, next_attempt_at, remote_ids, last_failure_status, last_failure_code, "
                + "last_failure_message) VALUES (gen_random_uuid(), 'UPDATE_CUSTOMER_DATA', 'customer' || chr(58) || "
                + "'cust_' || :client_id || '_' || :r, 'QUEUED', NULL, CAST('" + payload.replace("'", "''")
                + "' AS jsonb), now(), now(), 0, now(), CAST('[]' AS jsonb), NULL, NULL, NULL) RETURNING *;\n");
        log("Baseline: pgbench, 16 clients, " + settings.seconds + " s");
        Path output = out.resolve("pgbench.txt");
        Usage usage = Usage.start(-1, -1);
        run(output, settings.seconds + 60, Map.of("PGPASSWORD", settings.pgPassword), pgbench, "-h", settings.pgHost,
                "-p", String.valueOf(settings.pgPort), "-U", settings.pgUser, "-n", "-M", "prepared", "-c", "16",
                "-j", "2", "-T", String.valueOf(settings.seconds), "-f", script.toString(), database);
        Usage.Report cpu = usage.stop();
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)")
                .matcher(Files.readString(output));
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps; see " + output);
        }
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(Files.readString(output));
        Baseline baseline = new Baseline(Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN, payloadBytes,
                payload.length(), cpu);
        log(String.format(Locale.ROOT, "  %.0f inserts/s; %s", baseline.tps(), cpu.summary()));
        return baseline;
    }

    /** Enqueues operations the accept path stored, then times the relay from its first attempt to its last settle. */
    Relay measureRelay(Gateway gateway, int operations, int delayMillis) throws Exception {
        standIn("POST", "delay?ms=" + delayMillis);
        standIn("POST", "reset");
        log("Relay: " + operations + " operations, stand-in answering after " + delayMillis + " ms");
        try (Connection db = connect(); Statement st = db.createStatement()) {
            st.execute("TRUNCATE operation CASCADE");
        }
        Usage usage = Usage.start(gateway.pid(), standInPid());
        try (Connection db = connect(); Statement st = db.createStatement()) {
            // One statement, so all of them become visible together; the relay finds them at its next poll.
            st.execute("INSERT INTO operation (id, kind, resource_key, status, idempotency_key, payload, accepted_at, "
                    + "updated_at, failed_attempts, next_attempt_at, remote_ids) SELECT id, kind, resource_key, "
                    + "'QUEUED', NULL, payload, now(), now(), 0, now(), CAST('[]' AS jsonb) FROM bench_queue "
                    + "ORDER BY seq LIMIT " + operations);
        }
        await(Duration.ofMinutes(5), () -> count("SELECT count(*) FROM operation WHERE status = 'DELIVERED'")
                >= operations);
        Usage.Report cpu = usage.stop();
        double seconds;
        try (Connection db = connect(); Statement st = db.createStatement();
                ResultSet row = st.executeQuery("SELECT EXTRACT(EPOCH FROM (max(o.updated_at) - "
                        + "(SELECT min(started_at) FROM delivery_attempt))) FROM operation o")) {
            row.next();
            seconds = row.getDouble(1);
        }
        long requests = standInRequests().values().stream().mapToLong(Long::longValue).sum();
        long failedAttempts = count("SELECT count(*) FROM delivery_attempt WHERE outcome <> 'DELIVERED'");
        Relay relay = new Relay(operations, delayMillis, operations / seconds, seconds, requests, failedAttempts,
                settings.relayConcurrency, cpu);
        log(String.format(Locale.ROOT, "  %.0f deliveries/s over %.1f s; %s", relay.perSecond(), seconds,
                cpu.summary()));
        return relay;
    }

    /** Sequential mutations on an idle gateway: accepted_at in the outbox to the stand-in's arrival time. */
    Latency measureLatency(Gateway gateway) throws Exception {
        standIn("POST", "reset");
        int n = settings.latencyMutations;
        log("Latency to Kustomer: " + n + " sequential mutations");
        List<Double> roundTrips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "{\"query\":\"mutation { updateCustomerData(customerId: \\\"cust_lat_" + i
                    + "\\\", personalizationData: [{key: \\\"loyalty_tier\\\", value: \\\"gold\\\"}]) "
                    + "{ success status } }\"}";
            long start = System.nanoTime();
            String answer = gateway.post(body);
            roundTrips.add((System.nanoTime() - start) / 1e6);
            if (!answer.contains("\"DELIVERED\"")) {
                throw new IllegalStateException("mutation " + i + " was not delivered within the await window: "
                        + answer);
            }
        }
        Map<String, Long> arrivals = new HashMap<>();
        for (String line : standIn("GET", "arrivals").split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[2].startsWith("/v1/customers/cust_lat_")) {
                arrivals.putIfAbsent(parts[2].substring("/v1/customers/".length()), Long.parseLong(parts[0]));
            }
        }
        List<Double> latencies = new ArrayList<>();
        try (Connection db = connect(); Statement st = db.createStatement();
                ResultSet rows = st.executeQuery("SELECT substr(resource_key, 10), accepted_at FROM operation "
                        + "WHERE resource_key LIKE 'customer:cust_lat_%'")) {
            while (rows.next()) {
                Long arrived = arrivals.get(rows.getString(1));
                Instant accepted = rows.getObject(2, OffsetDateTime.class).toInstant();
                if (arrived != null) {
                    latencies.add((arrived - ChronoUnit.MICROS.between(Instant.EPOCH, accepted)) / 1e3);
                }
            }
        }
        if (latencies.size() != n) {
            throw new IllegalStateException("matched " + latencies.size() + " of " + n + " mutations to arrivals");
        }
        Latency latency = new Latency(n, Stats.of(latencies), Stats.of(roundTrips));
        log(String.format(Locale.ROOT, "  to Kustomer p50 %.2f ms, p99 %.2f ms; mutation round trip p50 %.2f ms",
                latency.toKustomer().p50(), latency.toKustomer().p99(), latency.roundTrip().p50()));
        return latency;
    }

    Budget measureBudget(Gateway gateway, int objects) throws Exception {
        standIn("POST", "reset");
        String klass = "Bench_Objects_" + objects;
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            list.append(i == 0 ? "" : ",").append("{\"title\":\"Preferences ").append(i)
                    .append("\",\"customerId\":\"cust_budget_").append(i)
                    .append("\",\"data\":[{\"key\":\"preferred_contact_method\",\"value\":\"email\"},")
                    .append("{\"key\":\"product_interest_score\",\"value\":\"8.5\"}]}");
        }
        String body = "{\"query\":\"mutation($objects: [CustomObjectInput!]!, $fieldTypes: [KeyValueInput!]!) { "
                + "createCustomObjects(klassName: \\\"" + klass + "\\\", objects: $objects, fieldTypes: $fieldTypes) "
                + "{ success operationId status } }\",\"variables\":{\"objects\":[" + list + "],\"fieldTypes\":["
                + "{\"key\":\"preferred_contact_method\",\"value\":\"str\"},"
                + "{\"key\":\"product_interest_score\",\"value\":\"num\"}]}}";
        String answer = gateway.post(body);
        if (!answer.contains("\"success\":true")) {
            throw new IllegalStateException("createCustomObjects of " + objects + " was refused: " + answer);
        }
        String settled = "SELECT count(*) FROM operation WHERE resource_key = 'klass:" + klass
                + "' AND status IN ('DELIVERED', 'FAILED')";
        await(Duration.ofMinutes(2), () -> count(settled) == 1);
        long delivered = count("SELECT jsonb_array_length(remote_ids) FROM operation WHERE resource_key = 'klass:"
                + klass + "' AND status = 'DELIVERED'");
        Map<String, Long> byKind = standInRequests();
        long requests = byKind.values().stream().mapToLong(Long::longValue).sum();
        Budget budget = new Budget(objects, delivered, requests, byKind);
        log(String.format(Locale.ROOT, "  %d objects: %d requests (%.2f per 100 objects)", objects, requests,
                budget.per100()));
        return budget;
    }

    // --------------------------------------------------------------------------------------------- callers

    /** An RS256 token holding every gateway role, valid for a day, signed with a key pair made for this run. */
    record CallerToken(String token, String publicKeyPem) {
        static final String ISSUER = "https://bench.kustomer-gateway.invalid";

        static CallerToken create() {
            try {
                java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                java.security.KeyPair pair = generator.generateKeyPair();
                java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder().withoutPadding();
                long now = Instant.now().getEpochSecond();
                String signed = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + url.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"bench\",\"iat\":" + now
                        + ",\"exp\":" + (now + 86_400) + ",\"groups\":[\"gateway-writer\",\"gateway-auditor\","
                        + "\"gateway-admin\"]}").getBytes(StandardCharsets.UTF_8));
                java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
                rs256.initSign(pair.getPrivate());
                rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
                String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64,
                        "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----";
                return new CallerToken(signed + "." + url.encodeToString(rs256.sign()), pem);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // --------------------------------------------------------------------------------------------- processes

    record Gateway(String name, Process process, int port, Duration startup, Path log, HttpClient http) {
        long pid() {
            return process.pid();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        String post(String body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + CALLER.token())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        /** What Quarkus itself reports ("started in 2.775s"), beside the time measured from outside. */
        String quarkusStartedIn() throws IOException {
            Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
            return m.find() ? m.group(1) + " s" : "?";
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Starts the packaged gateway on a free port against the benchmark's database, and measures how long until a
     * mutation succeeds: the time to the first successful request.
     */
    Gateway startGateway(String name, Map<String, String> extra) throws Exception {
        int port = Proc.freePort();
        Path logFile = out.resolve("gateway-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar",
                repo.resolve("bootstrap/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", settings.jdbc(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", settings.pgUser);
        env.put("QUARKUS_DATASOURCE_PASSWORD", settings.pgPassword);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("KUSTOMER_BASE_URL", standInUrl);
        env.put("KUSTOMER_API_KEY", API_KEY);
        env.put("MP_JWT_VERIFY_ISSUER", CallerToken.ISSUER);
        env.put("MP_JWT_VERIFY_PUBLICKEY", CALLER.publicKeyPem());
        env.putAll(extra);
        long start = System.nanoTime();
        Process process = builder.start();
        started.add(process);
        Gateway gateway = new Gateway(name, process, port, Duration.ZERO, logFile, http);
        String probe = "{\"query\":\"mutation { updateCustomerData(customerId: \\\"cust_probe_" + name
                + "\\\", personalizationData: [{key: \\\"probe\\\", value: \\\"1\\\"}]) { success } }\"}";
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway " + name + " exited; see " + logFile);
            }
            try {
                if (gateway.post(probe).contains("\"success\":true")) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gateway " + name + " did not answer in 120 s; see " + logFile);
            }
            Thread.sleep(10);
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - start);
        log("Gateway " + name + " answered its first mutation " + startup.toMillis() + " ms after start");
        return new Gateway(name, process, port, startup, logFile, http);
    }

    String startStandIn() throws Exception {
        Path logFile = out.resolve("stand-in.log");
        Process process = new ProcessBuilder("java", repo.resolve("bench/KustomerStandIn.java").toString(), API_KEY)
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        started.add(process);
        standIn = process;
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = Pattern.compile("listening on (\\d+)").matcher(Files.readString(logFile));
            if (m.find()) {
                log("Kustomer stand-in on port " + m.group(1));
                return "http://127.0.0.1:" + m.group(1);
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the Kustomer stand-in did not start; see " + logFile);
    }

    long standInPid() {
        return standIn.pid();
    }

    String standIn(String method, String command) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(standInUrl + "/__bench/" + command))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    Map<String, Long> standInRequests() throws IOException, InterruptedException {
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String line : standIn("GET", "stats").split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length == 2) {
                byKind.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return byKind;
    }

    void run(Path output, int timeoutSeconds, String... command) throws Exception {
        run(output, timeoutSeconds, Map.of(), command);
    }

    void run(Path output, int timeoutSeconds, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " failed (exit " + process.exitValue() + "); see " + output);
        }
    }

    void stopAll() {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            }
        }
    }

    String findPgbench() {
        for (String dir : new String[] {"/usr/bin", "/usr/local/bin"}) {
            if (Files.isExecutable(Path.of(dir, "pgbench"))) {
                return dir + "/pgbench";
            }
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).sorted()
                    .reduce((a, b) -> b).map(Path::toString)
                    .orElseThrow(() -> new IllegalStateException("pgbench not found"));
        } catch (IOException e) {
            throw new IllegalStateException("pgbench not found", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- database

    Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbc(database), settings.pgUser, settings.pgPassword);
    }

    void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(settings.jdbc("postgres"), settings.pgUser,
                settings.pgPassword)) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            admin.createStatement().execute("CREATE DATABASE " + database);
            try (ResultSet row = admin.createStatement().executeQuery(
                    "SELECT version(), current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
                row.next();
                results.postgres = row.getString(1).replaceAll(" on .*", "") + " (synchronous_commit="
                        + row.getString(2) + ", shared_buffers=" + row.getString(3) + ")";
            }
        }
        log("Database " + database);
    }

    void dropDatabase() {
        try (Connection admin = DriverManager.getConnection(settings.jdbc("postgres"), settings.pgUser,
                settings.pgPassword)) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + database + ": " + e.getMessage());
        }
    }

    long count(String sql) {
        try (Connection db = connect(); Statement st = db.createStatement(); ResultSet row = st.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }

    // ------------------------------------------------------------------------------------------------ figures

    record Accept(String mode, int clients, double perSecond, long requests, long stored, double p50Ms, double p99Ms, double maxMs,
            long errors, Usage.Report cpu, double rssPeakMb) {
    }

    record Baseline(double tps, double latencyMs, double payloadBytes, int samplePayloadChars, Usage.Report cpu) {
    }

    record Relay(int operations, int delayMillis, double perSecond, double seconds, long requests, long failedAttempts,
            int concurrency, Usage.Report cpu) {
        /** Little's law: this many deliveries at once, each taking at least the stand-in's delay. */
        double concurrencyCeiling() {
            return delayMillis == 0 ? Double.POSITIVE_INFINITY : concurrency * 1000.0 / delayMillis;
        }
    }

    record Latency(int mutations, Stats toKustomer, Stats roundTrip) {
    }

    record Budget(int objects, long delivered, long requests, Map<String, Long> byKind) {
        double per100() {
            return requests * 100.0 / objects;
        }

        /** Kustomer's bulk limit: no fewer requests than one per started 100 objects. */
        int chunks() {
            return (objects + 99) / 100;
        }
    }

    record Stats(double p50, double p99, double max) {
        static Stats of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Stats(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
        }

        static double rank(double[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    record Machine(String cpu, int cores, String memory, String os, String java, String loadAverage, String commit,
            String date) {
        static Machine describe(Path repo, Settings settings) {
            String cpu = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            String memory = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).findFirst().orElse("?");
            String os = read("/etc/os-release").lines().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring(12).replace("\"", "")).findFirst().orElse("?");
            String load = read("/proc/loadavg").trim().split(" ").length >= 3
                    ? String.join(" ", Arrays.copyOf(read("/proc/loadavg").trim().split(" "), 3)) : "?";
            String commit = git(repo, "rev-parse", "--short=12", "HEAD")
                    + (git(repo, "status", "--porcelain", "--untracked-files=no").isBlank() ? "" : " (with uncommitted changes)");
            return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, os,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), load, commit,
                    OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }

        static String git(Path repo, String... args) {
            try {
                List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
                command.addAll(List.of(args));
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor();
                return text;
            } catch (IOException | InterruptedException e) {
                return "?";
            }
        }
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------------------------------ CPU and memory

    static final class Proc {
        /** utime + stime of a process, in clock ticks; 0 once it is gone. */
        static long ticks(long pid) {
            String stat = read("/proc/" + pid + "/stat");
            if (stat.isEmpty()) {
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        static String command(long pid) {
            String stat = read("/proc/" + pid + "/stat");
            return stat.isEmpty() ? "" : stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        }

        /**
         * The CPU of this program's children that have ended and been waited for (cutime + cstime): wrk and pgbench,
         * which end before a measurement does.
         */
        static long endedChildrenTicks() {
            String stat = read("/proc/self/stat");
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }

        /** [busy, total] machine ticks from the first line of /proc/stat. */
        static long[] machine() {
            String[] f = read("/proc/stat").lines().findFirst().orElse("cpu 0 0 0 0").trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        }

        static double rssMb(long pid) {
            return read("/proc/" + pid + "/status").lines().filter(l -> l.startsWith("VmRSS:"))
                    .mapToDouble(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0).findFirst().orElse(0);
        }

        static int freePort() throws IOException {
            try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    /** Where the CPU went during a measurement: the whole machine, and the processes that matter to it. */
    static final class Usage {
        final long gatewayPid;
        final long standInPid;
        final long start = System.nanoTime();
        final long[] machine = Proc.machine();
        final long gateway;
        final long standIn;
        final long loadGenerator = Proc.endedChildrenTicks();
        /** Postgres backends come and go with their connections (pgbench's end with it), so they are sampled. */
        final Map<Long, long[]> postgres = new HashMap<>();
        final Thread sampler;
        volatile boolean sampling = true;

        Usage(long gatewayPid, long standInPid) {
            this.gatewayPid = gatewayPid;
            this.standInPid = standInPid;
            this.gateway = gatewayPid > 0 ? Proc.ticks(gatewayPid) : 0;
            this.standIn = standInPid > 0 ? Proc.ticks(standInPid) : 0;
            samplePostgres(true);
            sampler = new Thread(() -> {
                while (sampling) {
                    samplePostgres(false);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        static Usage start(long gatewayPid, long standInPid) {
            return new Usage(gatewayPid, standInPid);
        }

        private synchronized void samplePostgres(boolean first) {
            ProcessHandle.allProcesses().filter(p -> Proc.command(p.pid()).equals("postgres")).forEach(p -> {
                long ticks = Proc.ticks(p.pid());
                long[] seen = postgres.computeIfAbsent(p.pid(), pid -> new long[] {first ? ticks : 0, ticks});
                seen[1] = Math.max(seen[1], ticks);
            });
        }

        private synchronized long postgresTicks() {
            return postgres.values().stream().mapToLong(seen -> seen[1] - seen[0]).sum();
        }

        /** Load generators start after this does, so their whole life is counted when they end. */
        Report stop() throws InterruptedException {
            sampling = false;
            sampler.join();
            samplePostgres(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] now = Proc.machine();
            int cores = Runtime.getRuntime().availableProcessors();
            double busy = (now[0] - machine[0]) / (double) Math.max(1, now[1] - machine[1]);
            return new Report(busy, cores,
                    gatewayPid > 0 ? (Proc.ticks(gatewayPid) - gateway) / CLOCK_TICKS / seconds : 0,
                    postgresTicks() / CLOCK_TICKS / seconds,
                    standInPid > 0 ? (Proc.ticks(standInPid) - standIn) / CLOCK_TICKS / seconds : 0,
                    (Proc.endedChildrenTicks() - loadGenerator) / CLOCK_TICKS / seconds);
        }

        /** Cores used, on average over the measurement, by each. */
        record Report(double machineBusy, int cores, double gatewayCores, double postgresCores,
                double standInCores, double loadGeneratorCores) {
            /** Everything else on the machine, this program and other people's work included. */
            double othersCores() {
                return Math.max(0, machineBusy * cores - gatewayCores - postgresCores - standInCores
                        - loadGeneratorCores);
            }

            String summary() {
                return String.format(Locale.ROOT, "CPU %.0f%% of %d cores busy; cores used: gateway %.2f, Postgres "
                        + "%.2f, stand-in %.2f, load generator %.2f, everything else %.2f", machineBusy * 100, cores,
                        gatewayCores, postgresCores, standInCores, loadGeneratorCores, othersCores());
            }
        }
    }

    /** The highest resident memory of a process while something runs, sampled every 200 ms. */
    static final class RssPeak {
        final Thread thread;
        volatile boolean running = true;
        volatile double peak;

        RssPeak(long pid) {
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, Proc.rssMb(pid));
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        static RssPeak watch(long pid) {
            return new RssPeak(pid);
        }

        double stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak;
        }
    }

    // ------------------------------------------------------------------------------------------------- report

    /** An OTLP/HTTP endpoint that answers every export at once and keeps nothing: what tracing on costs the sender. */
    record OtlpSink(com.sun.net.httpserver.HttpServer server, java.util.concurrent.atomic.AtomicLong count)
            implements AutoCloseable {

        static OtlpSink start() throws IOException {
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            var count = new java.util.concurrent.atomic.AtomicLong();
            server.createContext("/", exchange -> {
                exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
                count.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return new OtlpSink(server, count);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        long exports() {
            return count.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static final class Results {
        Machine machine;
        String postgres;
        Duration startup;
        String quarkusStartup;
        double idleRssMb;
        double relayRssMb;
        Accept accept16;
        Accept accept64;
        Accept acceptDefaultWindow;
        Accept acceptDelivered;
        Accept acceptTraced16;
        long otlpExports;
        long acceptedRows;
        Baseline baseline;
        Relay relayFast;
        Relay relaySlow;
        Latency latency;
        final List<Budget> budget = new ArrayList<>();
    }

    static final class Report {
        static String markdown(Results r, Settings s) {
            StringBuilder md = new StringBuilder();
            Machine m = r.machine;
            md.append("# Benchmark results\n\n")
                    .append("Written by `bench/run.sh`; every figure below comes from one run of it. ")
                    .append("Nothing here is asserted by a test. On a machine shared with other work, figures ")
                    .append("move with that work: the CPU lines say how busy the machine was.\n\n")
                    .append("| | |\n|---|---|\n")
                    .append(row("date (UTC)", m.date()))
                    .append(row("commit", "`" + m.commit() + "`"))
                    .append(row("CPU", m.cpu() + ", " + m.cores() + " cores"))
                    .append(row("memory", m.memory()))
                    .append(row("OS", m.os()))
                    .append(row("Java", m.java()))
                    .append(row("PostgreSQL", r.postgres))
                    .append(row("load average at start", m.loadAverage()))
                    .append(row("durations", s.seconds() + " s per throughput figure, after a " + s.warmupSeconds()
                            + " s warm-up"))
                    .append("\n");

            md.append("## Summary against the goals\n\n")
                    .append("| figure | measured | goal | ratio to its limit |\n|---|---|---|---|\n");
            double half = r.baseline.tps() / 2;
            md.append(String.format(Locale.ROOT, "| accept path, 16 clients | %.0f mutations/s | ≥ %.0f/s (half the "
                    + "pgbench baseline) | %.2f of baseline |\n", r.accept16.perSecond(), half,
                    r.accept16.perSecond() / r.baseline.tps()));
            md.append(String.format(Locale.ROOT, "| accept path, 64 clients | %.0f mutations/s | ≥ %.0f/s | %.2f of "
                    + "baseline |\n", r.accept64.perSecond(), half, r.accept64.perSecond() / r.baseline.tps()));
            for (Accept a : List.of(r.acceptTraced16, r.acceptDefaultWindow, r.acceptDelivered)) {
                md.append(String.format(Locale.ROOT, "| accept path, %d clients, %s | %.1f mutations/s | ≥ %.0f/s | "
                        + "%.4f of baseline |\n", a.clients(), a.mode(), a.perSecond(), half,
                        a.perSecond() / r.baseline.tps()));
            }
            md.append(String.format(Locale.ROOT, "| relay, stand-in answering at once | %.0f deliveries/s | not the "
                    + "bottleneck below 2,000/s | %.2f of 2,000/s |\n", r.relayFast.perSecond(),
                    r.relayFast.perSecond() / 2000));
            md.append(String.format(Locale.ROOT, "| relay, stand-in answering in 100 ms | %.0f deliveries/s | not "
                    + "the bottleneck below 2,000/s | %.2f of 2,000/s; %.2f of its concurrency ceiling (%.0f/s) |\n",
                    r.relaySlow.perSecond(), r.relaySlow.perSecond() / 2000,
                    r.relaySlow.perSecond() / r.relaySlow.concurrencyCeiling(), r.relaySlow.concurrencyCeiling()));
            md.append(String.format(Locale.ROOT, "| idle latency to Kustomer, p50 / p99 | %.2f / %.2f ms | < 10 ms "
                    + "| p99 is %.2f × the goal |\n", r.latency.toKustomer().p50(), r.latency.toKustomer().p99(),
                    r.latency.toKustomer().p99() / 10));
            for (Budget b : r.budget) {
                md.append(String.format(Locale.ROOT, "| Kustomer requests for %,d object%s | %d (%.3f per object) "
                        + "| ≤ %d (3 per started 100) | %.2f of the goal; %.2f × the floor of %d (one per started 100) "
                        + "|\n", b.objects(), b.objects() == 1 ? "" : "s", b.requests(),
                        b.requests() / (double) b.objects(), 3 * b.chunks(), b.requests() / (3.0 * b.chunks()),
                        b.requests() / (double) b.chunks(), b.chunks()));
            }
            md.append(String.format(Locale.ROOT, "| time to first successful mutation | %.2f s | — | — |\n",
                    r.startup.toMillis() / 1000.0));
            md.append(String.format(Locale.ROOT, "| resident memory idle / under 64-client load | %.0f / %.0f MiB "
                    + "| — | — |\n\n", r.idleRssMb, r.accept64.rssPeakMb()));

            md.append("## 1. Baseline: pgbench inserting an outbox row\n\n")
                    .append(String.format(Locale.ROOT, "**%.0f transactions/s** (16 clients, 2 threads, prepared "
                            + "statements, %d s; average latency %.2f ms). ", r.baseline.tps(), s.seconds(),
                            r.baseline.latencyMs()))
                    .append("Each transaction is the gateway's own statement: `INSERT … RETURNING *` of one row, ")
                    .append("with every column the gateway writes, into `bench_outbox`, a copy of the `operation` ")
                    .append("table with all its indexes, identity and constraints (`LIKE operation INCLUDING ALL`). ")
                    .append(String.format(Locale.ROOT, "The payload is a real one the accept path stored (%d bytes; "
                            + "the accept runs' average was %.0f). ", r.baseline.samplePayloadChars(),
                            r.baseline.payloadBytes()))
                    .append("Each transaction commits on its own, as each mutation does.\n\n")
                    .append("- ").append(r.baseline.cpu().summary()).append("\n")
                    .append("- bound: ").append(baselineBound(r.baseline)).append("\n\n");

            md.append("## 2. Accept path: `updateCustomerData` through `/graphql`\n\n")
                    .append("wrk (2 threads), each request a mutation for a customer of its own with six attributes, ")
                    .append("values in GraphQL variables as a frontend sends them. The gateway runs with ")
                    .append("`GATEWAY_RELAY_ENABLED=false` and `GATEWAY_AWAIT_WINDOW=0s`, so a mutation answers ")
                    .append("`QUEUED` as soon as its transaction commits: only the accept path is measured.\n\n")
                    .append("| gateway | clients | mutations/s | ratio to baseline | p50 | p99 | max | errors | stored "
                            + "rows / requests |\n|---|---|---|---|---|---|---|---|---|\n");
            for (Accept a : List.of(r.accept16, r.acceptTraced16, r.accept64, r.acceptDefaultWindow,
                    r.acceptDelivered)) {
                md.append(String.format(Locale.ROOT, "| %s | %d | **%.1f** | %.4f | %.1f ms | %.1f ms | %.1f ms | %d "
                        + "| %d / %d |\n", a.mode(), a.clients(), a.perSecond(), a.perSecond() / r.baseline.tps(),
                        a.p50Ms(), a.p99Ms(), a.maxMs(), a.errors(), a.stored(), a.requests()));
            }
            md.append(String.format(Locale.ROOT, "\n- tracing: off (no OTLP endpoint, as shipped) %.0f mutations/s, on "
                    + "(every request a trace: the server and accept spans, exported in %d OTLP requests) %.0f "
                    + "mutations/s: %.2f of off. Traced: %s\n", r.accept16.perSecond(), r.otlpExports,
                    r.acceptTraced16.perSecond(), r.acceptTraced16.perSecond() / r.accept16.perSecond(),
                    r.acceptTraced16.cpu().summary()))
                    .append("- 16 clients: ").append(r.accept16.cpu().summary()).append("\n")
                    .append("- 64 clients: ").append(r.accept64.cpu().summary()).append("\n")
                    .append("- bound: ").append(acceptBound(r)).append("\n");
            Accept w = r.acceptDefaultWindow;
            md.append(String.format(Locale.ROOT, "- %s (%d s): each call also waits out the window for a delivery "
                    + "this instance will not make, so 16 clients can get no more than 16 / 2 s = 8 mutations/s; "
                    + "measured %.1f/s.\n", w.mode(), 5, w.perSecond()))
                    .append("- ").append(r.acceptDelivered.mode()).append(" (the gateway of section 3): each call ")
                    .append("answers once its delivery is recorded, with Kustomer's id; ")
                    .append(r.acceptDelivered.cpu().summary()).append(".\n\n");

            md.append("## 3. Relay: deliveries per second\n\n")
                    .append("Operations the accept path stored (one per customer, so none waits for another) are put ")
                    .append("back in the outbox as `QUEUED` in one statement; a gateway with the relay on ")
                    .append(String.format(Locale.ROOT, "(`GATEWAY_RELAY_CONCURRENCY=%d`, the default; ", s.relayConcurrency()))
                    .append("`GATEWAY_KUSTOMER_REQUESTS_PER_MINUTE=1000000`, far above any Kustomer plan, so that the ")
                    .append("gateway's pacing is not what is measured) delivers them. Throughput is deliveries divided ")
                    .append("by the time from the first attempt's start to the last operation's settle, from the ")
                    .append("outbox itself.\n\n")
                    .append("| stand-in answers | operations | deliveries/s | seconds | Kustomer requests | failed "
                            + "attempts | concurrency ceiling |\n|---|---|---|---|---|---|---|\n");
            for (Relay rl : List.of(r.relayFast, r.relaySlow)) {
                md.append(String.format(Locale.ROOT, "| %s | %d | **%.0f** | %.1f | %d | %d | %s |\n",
                        rl.delayMillis() == 0 ? "at once" : "in " + rl.delayMillis() + " ms", rl.operations(),
                        rl.perSecond(), rl.seconds(), rl.requests(), rl.failedAttempts(),
                        rl.delayMillis() == 0 ? "—" : String.format(Locale.ROOT, "%d × 1000 / %d = %.0f/s",
                                rl.concurrency(), rl.delayMillis(), rl.concurrencyCeiling())));
            }
            md.append("\n- at once: ").append(r.relayFast.cpu().summary()).append("\n")
                    .append("  - bound: ").append(relayBound(r.relayFast, r)).append("\n")
                    .append("- in 100 ms: ").append(r.relaySlow.cpu().summary()).append("\n")
                    .append("  - bound: ").append(relayBound(r.relaySlow, r)).append("\n\n");

            Latency l = r.latency;
            md.append("## 4. Latency to Kustomer, idle system\n\n")
                    .append(String.format(Locale.ROOT, "%d sequential `updateCustomerData` mutations, each sent ", l.mutations()))
                    .append("when the one before had answered `DELIVERED`. Latency is from the operation's ")
                    .append("`accepted_at` in the outbox (taken just before its transaction; commit is a little later, ")
                    .append("so this overstates slightly) to the moment the stand-in received the PATCH.\n\n")
                    .append("| | p50 | p99 | max |\n|---|---|---|---|\n")
                    .append(String.format(Locale.ROOT, "| accepted → Kustomer receives | **%.2f ms** | **%.2f ms** | "
                            + "%.2f ms |\n", l.toKustomer().p50(), l.toKustomer().p99(), l.toKustomer().max()))
                    .append(String.format(Locale.ROOT, "| mutation round trip (client sends → answer `DELIVERED`) | "
                            + "%.2f ms | %.2f ms | %.2f ms |\n\n", l.roundTrip().p50(), l.roundTrip().p99(),
                            l.roundTrip().max()));

            md.append("## 5. Kustomer budget per delivered object\n\n")
                    .append("One `createCustomObjects` mutation each; every request the stand-in received for it ")
                    .append("is counted. Lower is better; Kustomer's bulk limit makes 1 request per started 100 ")
                    .append("objects the floor, the goal is at most 3 per started 100 (bulk call, status, results); ")
                    .append("a single object is one plain create. Each run uses a new Klass, so each also reads and ")
                    .append("declares its attributes (`GET` and `PUT /metadata/{resource}`, once per Klass).\n\n")
                    .append("| objects | delivered | Kustomer requests | per object | per 100 objects | requests by "
                            + "kind |\n|---|---|---|---|---|---|\n");
            for (Budget b : r.budget) {
                md.append(String.format(Locale.ROOT, "| %,d | %d | %d | %.3f | **%.2f** | %s |\n", b.objects(),
                        b.delivered(), b.requests(), b.requests() / (double) b.objects(), b.per100(),
                        b.byKind().entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue())
                                .collect(Collectors.joining(", "))));
            }
            md.append("\n");

            md.append("## 6. Footprint\n\n")
                    .append("| | |\n|---|---|\n")
                    .append(row("time to first successful request", String.format(Locale.ROOT,
                            "%.2f s from `java -jar` to the first mutation answered (Quarkus reports started in %s)",
                            r.startup.toMillis() / 1000.0, r.quarkusStartup)))
                    .append(row("resident memory, idle", String.format(Locale.ROOT, "%.0f MiB (3 s after the first "
                            + "request, relay off)", r.idleRssMb)))
                    .append(row("resident memory, under load", String.format(Locale.ROOT, "%.0f MiB at most during "
                            + "the 16-client run, %.0f MiB during the 64-client run", r.accept16.rssPeakMb(),
                            r.accept64.rssPeakMb())))
                    .append(row("resident memory, relay gateway after sections 3 to 5",
                            String.format(Locale.ROOT, "%.0f MiB", r.relayRssMb)))
                    .append("\nThe JVM runs with its defaults (no `-Xmx`): the heap grows toward a quarter of the ")
                    .append("machine's memory before it collects hard, so resident memory says more about the ")
                    .append("default heap sizing than about what the gateway needs.\n");
            return md.toString();
        }

        static String row(String name, String value) {
            return "| " + name + " | " + value + " |\n";
        }

        static boolean cpuBound(Usage.Report cpu) {
            return cpu.machineBusy() >= 0.9;
        }

        /** Said beside a CPU bound when other work on the machine took a good part of it. */
        static String contention(Usage.Report cpu) {
            return cpu.othersCores() < 0.5 ? "" : String.format(Locale.ROOT, " Other work on the machine took %.2f "
                    + "of its %d cores meanwhile, so on a machine of its own this figure would be higher.",
                    cpu.othersCores(), cpu.cores());
        }

        static String baselineBound(Baseline b) {
            return cpuBound(b.cpu()) ? String.format(Locale.ROOT, "CPU: the machine was %.0f%% busy, Postgres "
                    + "taking %.2f cores, pgbench %.2f.", b.cpu().machineBusy() * 100, b.cpu().postgresCores(),
                    b.cpu().loadGeneratorCores()) + contention(b.cpu())
                    : "Postgres's commits (WAL flushes); the CPU was not saturated";
        }

        static String acceptBound(Results r) {
            Usage.Report cpu = r.accept64.cpu();
            if (cpuBound(cpu)) {
                return String.format(Locale.ROOT, "CPU. The machine was %.0f%% busy at 64 clients; the gateway "
                        + "took %.2f cores for %.0f mutations/s (%.2f ms of CPU each), Postgres %.2f cores (%.2f ms "
                        + "each). pgbench spends %.2f ms of Postgres CPU per insert, so the gateway's own work per "
                        + "mutation, not the database, sets the ratio to the baseline.", cpu.machineBusy() * 100,
                        cpu.gatewayCores(), r.accept64.perSecond(), cpu.gatewayCores() * 1000 / r.accept64.perSecond(),
                        cpu.postgresCores(), cpu.postgresCores() * 1000 / r.accept64.perSecond(),
                        r.baseline.cpu().postgresCores() * 1000 / r.baseline.tps()) + contention(cpu);
            }
            return String.format(Locale.ROOT, "not CPU (the machine was %.0f%% busy): waiting, on commits or on the "
                    + "connection pool (`quarkus.datasource.jdbc.max-size` is 16)", cpu.machineBusy() * 100);
        }

        static String relayBound(Relay rl, Results r) {
            if (rl.delayMillis() > 0 && rl.perSecond() >= 0.7 * rl.concurrencyCeiling()) {
                return String.format(Locale.ROOT, "the relay's concurrency: %d deliveries at a time, each waiting "
                        + "%d ms for Kustomer, cannot exceed %.0f/s (Little's law); the CPU was %.0f%% busy. More "
                        + "would need `GATEWAY_RELAY_CONCURRENCY` × 1000 / latency ≥ the rate wanted, and Kustomer's "
                        + "own limit (at most 2,000 requests a minute per org) comes long before.",
                        rl.concurrency(), rl.delayMillis(), rl.concurrencyCeiling(), rl.cpu().machineBusy() * 100);
            }
            if (cpuBound(rl.cpu())) {
                return String.format(Locale.ROOT, "CPU: the machine was %.0f%% busy; per delivery the gateway "
                        + "spent %.2f ms of CPU, Postgres %.2f ms (claim, settle and the attempt's row), the stand-in "
                        + "%.2f ms.", rl.cpu().machineBusy() * 100, rl.cpu().gatewayCores() * 1000 / rl.perSecond(),
                        rl.cpu().postgresCores() * 1000 / rl.perSecond(),
                        rl.cpu().standInCores() * 1000 / rl.perSecond()) + contention(rl.cpu());
            }
            return String.format(Locale.ROOT, "not CPU (the machine was %.0f%% busy) and not the stand-in: the "
                    + "relay's own sequence of claim, request and settle per worker, waiting on Postgres round trips "
                    + "and commits.", rl.cpu().machineBusy() * 100);
        }
    }
}
