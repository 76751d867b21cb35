package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.GatewayProcess;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kustomer unreachable, then failing, then too slow: operations wait in RETRYING with their next attempt time,
 * and all are delivered, in order per resource, once Kustomer is back.
 */
class KustomerOutageIT extends FaultTest {

    @Test
    void operationsWaitThroughAnOutageAndAllDeliverInOrderWhenKustomerIsBack() throws Exception {
        URI standIn = URI.create(kustomer.baseUrl());
        try (TcpProxy network = new TcpProxy(standIn.getHost(), standIn.getPort())) {
            GatewayProcess gateway = gateway("outage", "http://127.0.0.1:" + network.port()).start();

            // 1. Connection refused.
            network.cut();
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                ids.add(updateTier(gateway, "cust_outage", "tier-" + i));
            }
            for (int i = 0; i < 10; i++) {
                ids.add(note(gateway, "conv_outage_" + i));
            }
            awaitTrue(() -> outbox.count("status = 'RETRYING' AND next_attempt_at IS NOT NULL "
                    + "AND last_failure_code = 'network_error'") >= 10, Duration.ofSeconds(60),
                    () -> "operations did not wait in RETRYING: " + outbox.countByStatus());
            assertThat(outbox.count("status = 'FAILED'")).isZero();

            // 2. Reachable, but answering 503.
            kustomer.server().stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"errors\":[{\"status\":503,\"code\":\"service_unavailable\",\"title\":\"Unavailable\"}]}")));
            network.restore();
            awaitTrue(() -> outbox.count("last_failure_status = 503 AND status = 'RETRYING'") >= 10,
                    Duration.ofSeconds(60), () -> "no 503 recorded: " + outbox.countByStatus());

            // 3. Answering, but slower than the client's read timeout (2 s).
            kustomer.reset();
            kustomer.server().setGlobalFixedDelay(3_000);
            awaitTrue(() -> outbox.count("last_failure_code = 'timeout' AND status = 'RETRYING'") >= 1,
                    Duration.ofSeconds(60), () -> "no timeout recorded: " + outbox.countByStatus());
            assertThat(outbox.count("status = 'FAILED'")).isZero();

            // 4. Back to normal.
            kustomer.server().setGlobalFixedDelay(0);
            awaitAllDelivered(ids.size(), Duration.ofMinutes(2));
            assertThat(kustomer.customer("cust_outage").orElseThrow().path("loyaltyTierStr").asText())
                    .isEqualTo("tier-10");
            report("outage: operations=" + ids.size() + " phases=refused,503,timeout failed=0 lastValueKept=true");
        }
    }

    private String updateTier(GatewayProcess gateway, String customer, String tier) {
        return gateway.graphql(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", customer,
                "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", tier))))
                .getString("data.updateCustomerData.operationId");
    }

    private String note(GatewayProcess gateway, String conversation) {
        return gateway.graphql(GraphQL.ADD_NOTE, Map.of("conversationId", conversation, "noteBody", "outage note",
                "isInternal", true)).getString("data.addNoteToConversation.operationId");
    }
}
