package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.GatewayProcess;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** A refused key pauses all delivery without failing anything, says so in readiness, and a good key resumes it. */
class CredentialsIT extends FaultTest {

    @Test
    void aRefusedKeyPausesDeliveryUntilAValidKeyIsConfigured() throws Exception {
        GatewayProcess wrongKey = gateway("wrong-key").with("KUSTOMER_API_KEY", "not-the-org-key").start();
        for (int i = 0; i < 30; i++) {
            wrongKey.graphql(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_key_" + i,
                    "personalizationData", List.of(Map.of("key", "tier", "value", "gold"))));
        }
        awaitTrue(() -> wrongKey.readiness() == 503, Duration.ofSeconds(30), () -> "readiness stayed up");
        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(wrongKey.url() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("PAUSED_CREDENTIALS").contains("Kustomer refused the API key")
                .doesNotContain("not-the-org-key");
        int beforePause = kustomer.server().findAll(anyRequestedFor(anyUrl())).size();
        GatewayProcess.sleep(5_000);
        int probes = kustomer.server().findAll(anyRequestedFor(anyUrl())).size() - beforePause;
        // One operation re-tries the key every 2 s (gateway.relay.credentials-recheck); the others wait.
        assertThat(probes).as("requests sent in 5 s of pause").isBetween(1, 3);
        assertThat(outbox.count("status = 'FAILED'")).isZero();
        assertThat(outbox.count("failed_attempts > 0")).isZero();
        assertThat(wrongKey.log()).doesNotContain("not-the-org-key");

        wrongKey.terminate(Duration.ofSeconds(30));
        GatewayProcess rightKey = gateway("right-key").with("KUSTOMER_API_KEY", KustomerStandIn.API_KEY).start();
        awaitAllDelivered(30, Duration.ofMinutes(1));
        awaitTrue(() -> rightKey.readiness() == 200, Duration.ofSeconds(10), () -> "readiness stayed down");
        report("credentials: operations=30 refusedBeforePause=" + beforePause + " probesIn5sOfPause=" + probes
                + " failed=0 deliveredAfterNewKey=30");
    }
}
