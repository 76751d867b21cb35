package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.bootstrap.Callers;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) running as a process of its own, the way it
 * runs in production, so a test can kill it with SIGKILL, stop it with SIGTERM, or run two of them.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String name;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    public GatewayProcess(String name, Map<String, String> environment) {
        this.name = name;
        this.environment = new LinkedHashMap<>(environment);
        this.port = freePort();
        this.log = Path.of("target", "faults", name + "-" + port + ".log");
    }

    /** Settings every fault test shares: fast retries, short leases, mutations that answer at once. */
    public static Map<String, String> settings(Outbox outbox, String kustomerUrl, String apiKey) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", outbox.jdbcUrl(null));
        settings.put("QUARKUS_DATASOURCE_USERNAME", Outbox.USER);
        settings.put("QUARKUS_DATASOURCE_PASSWORD", Outbox.PASSWORD);
        settings.put("QUARKUS_FLYWAY_SCHEMAS", outbox.schema);
        settings.put("KUSTOMER_BASE_URL", kustomerUrl);
        settings.put("KUSTOMER_API_KEY", apiKey);
        settings.put("MP_JWT_VERIFY_ISSUER", Callers.ISSUER);
        settings.put("MP_JWT_VERIFY_PUBLICKEY", Callers.publicKey());
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

    public GatewayProcess start() {
        try {
            Files.createDirectories(log.getParent());
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-jar", JAR.toString()))
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

    int readiness() {
        return get("/q/health/ready");
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, and how long the process took to exit. */
    Duration terminate(Duration atMost) {
        long start = System.nanoTime();
        process.destroy();
        awaitExit(atMost);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    boolean isAlive() {
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
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited at start with " + process.exitValue() + ":\n" + log());
            }
            if (get("/q/health/live") == 200) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(name + " did not start within " + atMost + ":\n" + log());
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
