package com.kustomergateway.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The packaged gateway ({@code bootstrap/target/quarkus-app/quarkus-run.jar}) running as a process of its own, the
 * way it runs in production, so a test can kill it with SIGKILL, stop it with SIGTERM, or run two of them, and the
 * benchmark can measure it from outside. Its log goes to {@code target/<logs>/<name>-<port>.log} of the module
 * that starts it.
 */
public final class GatewayProcess implements AutoCloseable {

    /**
     * bootstrap's fault tests run in bootstrap, the benchmark in a module beside it; {@code -Dgateway.jar} names
     * another build's, so that the benchmark can measure two commits alike.
     */
    private static final Path JAR = !System.getProperty("gateway.jar", "").isBlank()
            ? Path.of(System.getProperty("gateway.jar"))
            : Files.exists(Path.of("target", "quarkus-app", "quarkus-run.jar"))
            ? Path.of("target", "quarkus-app", "quarkus-run.jar")
            : Path.of("..", "bootstrap", "target", "quarkus-app", "quarkus-run.jar");

    /**
     * The JVM's memory settings the gateway ships with: the container's ({@code Dockerfile.jvm}: the collector in
     * {@code GC_CONTAINER_OPTIONS}, the rest in {@code JAVA_OPTS_APPEND}) and the README's {@code java -jar} line
     * carry each of them ({@code ShippedJvmOptionsTest}), and the benchmark runs the gateway with them. A heap of
     * its own size rather than a share of the machine's memory, so that resident memory under load is the same
     * wherever it runs (bench: RssUnderLoad). C2 alone compiles (no tiered C1 code and profiles beside it), and the
     * C heap the compiler's arenas leave behind is given back every second: together with
     * {@link #SHIPPED_ENVIRONMENT}, 246-253 MiB under load instead of 269-302 (bench/RESULTS.md).
     */
    public static final List<String> SHIPPED_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx80m",
            "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:-TieredCompilation",
            "-XX:TrimNativeHeapInterval=1000");

    /**
     * The environment the gateway ships with, carried by the same places as {@link #SHIPPED_JVM_OPTIONS}: two of
     * glibc's malloc arenas rather than up to eight per core, which the request threads (one per call under
     * way) would otherwise each start filling.
     */
    public static final Map<String, String> SHIPPED_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private final String name;
    private final Map<String, String> environment;
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx384m"));
    private Path jar = JAR;
    private final int port;
    private final Path log;
    private Process process;

    public GatewayProcess(String name, Map<String, String> environment) {
        this(name, environment, "faults");
    }

    public GatewayProcess(String name, Map<String, String> environment, String logs) {
        this.name = name;
        this.environment = new LinkedHashMap<>(environment);
        this.port = freePort();
        this.log = Path.of("target", logs, name + "-" + port + ".log");
    }

    /** What any packaged gateway needs to run: its outbox schema, Kustomer and its key, and whom to trust. */
    public static Map<String, String> connections(Outbox outbox, String kustomerUrl, String apiKey) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", outbox.jdbcUrl(null));
        settings.put("QUARKUS_DATASOURCE_USERNAME", Outbox.USER);
        settings.put("QUARKUS_DATASOURCE_PASSWORD", Outbox.PASSWORD);
        settings.put("QUARKUS_FLYWAY_SCHEMAS", outbox.schema);
        settings.put("KUSTOMER_BASE_URL", kustomerUrl);
        settings.put("KUSTOMER_API_KEY", apiKey);
        settings.put("MP_JWT_VERIFY_ISSUER", Callers.ISSUER);
        settings.put("MP_JWT_VERIFY_PUBLICKEY", Callers.publicKey());
        return settings;
    }

    /** Settings every fault test shares: fast retries, short leases, mutations that answer at once. */
    public static Map<String, String> settings(Outbox outbox, String kustomerUrl, String apiKey) {
        Map<String, String> settings = connections(outbox, kustomerUrl, apiKey);
        settings.put("GATEWAY_AWAIT_WINDOW", "0s");
        settings.put("GATEWAY_KUSTOMER_REQUESTS_PER_MINUTE", "600000");
        settings.put("GATEWAY_KUSTOMER_BULK_POLL_INTERVAL", "20ms");
        // The workloads give a few customers hundreds of objects; at Kustomer's 120 a minute, shared by the
        // instances, they would wait minutes. FleetIT tests the limit itself.
        settings.put("GATEWAY_KUSTOMER_CREATIONS_WINDOW", "10s");
        settings.put("GATEWAY_RELAY_LEASE", "6s");
        settings.put("GATEWAY_RELAY_POLL_INTERVAL", "200ms");
        settings.put("GATEWAY_RELAY_CREDENTIALS_RECHECK", "2s");
        settings.put("GATEWAY_RETRY_INITIAL_BACKOFF", "200ms");
        settings.put("GATEWAY_RETRY_MAX_BACKOFF", "2s");
        settings.put("GATEWAY_RETRY_MAX_ATTEMPTS", "100");
        settings.put("QUARKUS_REST_CLIENT_KUSTOMER_READ_TIMEOUT", "2000");
        settings.put("QUARKUS_LOG_CATEGORY__COM_KUSTOMERGATEWAY_APPLICATION_DELIVERY__LEVEL", "WARN");
        return settings;
    }

    public GatewayProcess with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Replaces the JVM's options (by default a heap of at most 384 MiB); none runs it as shipped. */
    public GatewayProcess withJvmOptions(String... options) {
        jvmOptions.clear();
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Runs another build of the gateway (a {@code quarkus-run.jar}), such as the one a comparison starts from. */
    public GatewayProcess withJar(Path quarkusRunJar) {
        this.jar = quarkusRunJar;
        return this;
    }

    public GatewayProcess start() {
        try {
            Files.createDirectories(log.getParent());
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        awaitLive(Duration.ofSeconds(60));
        return this;
    }

    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public JsonPath graphql(String query, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return given().baseUri(url()).auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON).body(body)
                .when().post("/graphql")
                .then().extract().jsonPath();
    }

    public int readiness() {
        return get("/q/health/ready");
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, and how long the process took to exit. */
    public Duration terminate(Duration atMost) {
        long start = System.nanoTime();
        process.destroy();
        awaitExit(atMost);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (isAlive()) {
            kill();
        }
    }

    private void awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + atMost);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitLive(Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited at start with " + process.exitValue() + ":\n" + log());
                }
                return get("/q/health/live") == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not start within " + atMost + ":\n" + log(), e);
        }
    }

    private int get(String path) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
