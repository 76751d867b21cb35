package com.kustomergateway.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.kustomergateway.application.GatewaySettings;

import io.smallrye.config.WithDefault;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests {@code mvn package} writes (Quarkus Kubernetes extension) deploy what the README
 * describes, checked offline: no cluster runs in CI. Probes on the health checks the gateway serves, several
 * replicas, and a termination grace long enough for the shutdown the gateway's settings ask for.
 */
class KubernetesManifestIT {

    static final Path MANIFESTS = Path.of("target", "kubernetes", "kubernetes.yml");

    @Test
    void theDeploymentRunsSeveralReplicasProbedOnTheHealthChecksWithGraceForTheRelaysShutdown() throws IOException {
        JsonNode deployment = resources().stream().filter(r -> r.path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment in " + MANIFESTS));
        Properties settings = settings();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        int port = container.path("ports").get(0).path("containerPort").asInt();

        assertThat(deployment.path("spec").path("replicas").asInt()).as("replicas")
                .isEqualTo(Integer.parseInt(settings.getProperty("quarkus.kubernetes.replicas")))
                .isGreaterThan(1);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/q/health/ready");
        assertThat(port).isEqualTo(8080);
        assertThat(List.of(container.path("livenessProbe").path("httpGet").path("port").asInt(),
                container.path("readinessProbe").path("httpGet").path("port").asInt())).containsOnly(port);
        assertThat(container.path("envFrom").toString()).contains("kustomer-gateway");

        Duration requests = Duration.parse("PT" + settings.getProperty("%prod.quarkus.shutdown.timeout").toUpperCase());
        Duration deliveries = Duration.parse("PT" + settings.getProperty("gateway.relay.shutdown-grace",
                shutdownGraceDefault()).toUpperCase());
        assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
                .as("SIGKILL comes this long after SIGTERM; the gateway needs %s for requests, then %s for "
                        + "deliveries under way", requests, deliveries)
                .isGreaterThan(requests.plus(deliveries));
    }

    /** The relay's shutdown grace where GatewaySettings declares it, unless application.properties sets it. */
    private static String shutdownGraceDefault() {
        try {
            return GatewaySettings.Relay.class.getMethod("shutdownGrace").getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new AssertionError("GatewaySettings.Relay has no shutdownGrace", e);
        }
    }

    private static List<JsonNode> resources() throws IOException {
        assertThat(MANIFESTS).as("written by mvn package").exists();
        List<JsonNode> resources = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(MANIFESTS))) {
            documents.forEachRemaining(resources::add);
        }
        return resources;
    }

    private static Properties settings() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            settings.load(in);
        }
        return settings;
    }
}
