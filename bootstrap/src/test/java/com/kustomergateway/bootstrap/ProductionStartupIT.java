package com.kustomergateway.bootstrap;

import com.kustomergateway.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged gateway (the jar, or with {@code -Dnative} the native executable) refuses to start, with one
 * sentence saying what to set, when it lacks its API key or its database. Its exit code tells an orchestrator it
 * failed.
 */
class ProductionStartupIT {

    private static final String DATABASE = TestDatabase.url();

    @Test
    void refusesToStartWithoutAnApiKey() throws Exception {
        Started gateway = start(Map.of("QUARKUS_DATASOURCE_JDBC_URL", DATABASE));

        assertThat(gateway.exitCode()).isEqualTo(1);
        assertThat(gateway.output()).startsWith("KUSTOMER_API_KEY is not set").doesNotContain("\tat ");
    }

    @Test
    void refusesToStartWithoutADatabase() throws Exception {
        Started gateway = start(Map.of("KUSTOMER_API_KEY", "a-key"));

        assertThat(gateway.exitCode()).isEqualTo(1);
        assertThat(gateway.output()).startsWith("QUARKUS_DATASOURCE_JDBC_URL is not set").doesNotContain("\tat ");
    }

    @Test
    void refusesToStartWhenTheDatabaseCannotBeReachedAndKeepsItsPasswordOutOfTheMessage() throws Exception {
        Started gateway = start(Map.of("KUSTOMER_API_KEY", "a-key",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/gateway?password=hunter2",
                "QUARKUS_DATASOURCE_USERNAME", "gateway"));

        assertThat(gateway.exitCode()).isEqualTo(1);
        assertThat(gateway.output())
                .startsWith("Cannot reach the database at jdbc:postgresql://127.0.0.1:1/gateway as gateway: ")
                .contains("Connection refused")
                .doesNotContain("hunter2")
                .doesNotContain("\tat ");
    }

    @Test
    void refusesToStartWithoutAWayToTellItsCallersApart() throws Exception {
        Started gateway = start(Map.of("KUSTOMER_API_KEY", "a-key", "QUARKUS_DATASOURCE_JDBC_URL", DATABASE,
                "QUARKUS_DATASOURCE_USERNAME", TestDatabase.user(), "QUARKUS_DATASOURCE_PASSWORD", TestDatabase.password()));

        assertThat(gateway.exitCode()).isEqualTo(1);
        assertThat(gateway.output()).startsWith("MP_JWT_VERIFY_ISSUER is not set").doesNotContain("\tat ");
    }

    private record Started(int exitCode, String output) {
    }

    /** Runs the packaged gateway with only these settings, until it stops by itself. */
    private static Started start(Map<String, String> settings) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gateway-startup", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("KUSTOMER_"));
            builder.environment().putAll(settings);
            builder.environment().put("QUARKUS_HTTP_PORT", "0");
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the gateway started instead of refusing to: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Started(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static List<String> command() {
        Path nativeImage = Path.of(System.getProperty("native.image.path", "target/none-runner"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(nativeImage)) {
            command.add(nativeImage.toAbsolutePath().toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-jar");
            command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
        }
        return command;
    }
}
