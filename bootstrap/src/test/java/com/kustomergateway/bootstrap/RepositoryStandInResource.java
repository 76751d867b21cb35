package com.kustomergateway.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The Kustomer stand-in of dev mode and docker-compose.yml: plain WireMock serving the repository's
 * {@code kustomer-stand-in/} mappings, with no code of the gateway's. Tests of the gateway against it show that a
 * newcomer's first mutations come back delivered.
 */
public class RepositoryStandInResource implements QuarkusTestResourceLifecycleManager {

    /** The key the mappings accept; dev mode's {@code %dev.kustomer.api-key} and Compose's default. */
    static final String API_KEY = "stand-in-api-key";

    /** Maven runs the tests in the module's directory. */
    static final Path ROOT = Path.of("..", "kustomer-stand-in").toAbsolutePath().normalize();

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        if (!Files.isDirectory(ROOT.resolve("mappings"))) {
            throw new IllegalStateException("no WireMock mappings under " + ROOT);
        }
        server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(ROOT.toString()));
        server.start();
        return Map.of("kustomer.base-url", server.baseUrl(), "kustomer.api-key", API_KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
