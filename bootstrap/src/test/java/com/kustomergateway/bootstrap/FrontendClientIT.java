package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript client in {@code examples/frontend-client} against the packaged gateway and the Kustomer stand-in,
 * as a frontend team would run it: types generated from the built SDL, type-checked, then every call it makes
 * asserted (the four mutations, an audit query by persisted hash over GET, the error codes, a subscription through
 * graphql-ws with the token in connectionParams only). Needs Node 20+ and {@code npm install} in that directory
 * ({@code .ci/run} does both); runs with {@code mvn verify -Pfrontend}.
 */
@Tag("frontend")
@QuarkusIntegrationTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class FrontendClientIT {

    static final Path EXAMPLE = Path.of("..", "examples", "frontend-client").toAbsolutePath().normalize();

    @Test
    void theExampleClientPassesItsTypeCheckAndEveryCallAgainstThePackagedGateway() throws Exception {
        assertThat(EXAMPLE.resolve("node_modules")).as("run `npm install` in %s first (.ci/run does)", EXAMPLE)
                .isDirectory();
        Path log = Path.of("target", "frontend-client.log").toAbsolutePath();
        ProcessBuilder npm = new ProcessBuilder(List.of("npm", "test"))
                .directory(EXAMPLE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        npm.environment().put("GATEWAY_URL", "http://localhost:" + RestAssured.port + "/graphql");
        npm.environment().put("GATEWAY_TOKEN", Callers.everyRole());
        npm.environment().put("GATEWAY_WRITER_TOKEN", Callers.token("gateway-writer"));

        Process process = npm.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println("[frontend-client] " + output.replace("\n", "\n[frontend-client] "));

        assertThat(finished).as("npm test finished within 5 minutes:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("npm test (log in %s):%n%s", log, output).isZero();
        assertThat(output).containsPattern("# tests [1-9]").contains("# fail 0");
    }
}
