package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.GatewayProcess;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM: deliveries under way get a grace period, the rest are handed back, and the process exits in time. */
class ShutdownIT extends FaultTest {

    @Test
    void sigtermHandsUnfinishedDeliveriesBackWithinABoundedTime() throws Exception {
        kustomer.server().setGlobalFixedDelay(4_000);
        GatewayProcess first = gateway("sigterm")
                .with("GATEWAY_RELAY_LEASE", "5m")
                .with("GATEWAY_RELAY_SHUTDOWN_GRACE", "1s")
                .with("QUARKUS_REST_CLIENT_KUSTOMER_READ_TIMEOUT", "10000")
                .start();
        for (int i = 0; i < 6; i++) {
            first.graphql(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_term_" + i,
                    "personalizationData", List.of(Map.of("key", "tier", "value", "gold"))));
        }
        awaitTrue(() -> outbox.count("status = 'IN_FLIGHT'") == 6, Duration.ofSeconds(30),
                () -> "deliveries did not start: " + outbox.countByStatus());

        Duration exit = first.terminate(Duration.ofSeconds(20));

        // Each delivery under way was either given back (its lease ended) or recorded as interrupted (due again):
        // none is still reserved for the process that is gone.
        assertThat(outbox.count("status = 'IN_FLIGHT' AND lease_until >= now()")).as("leases still held").isZero();
        assertThat(outbox.count("status IN ('IN_FLIGHT', 'RETRYING')")).isEqualTo(6);
        kustomer.server().setGlobalFixedDelay(0);
        long start = System.nanoTime();
        gateway("after-sigterm").start();
        awaitAllDelivered(6, Duration.ofSeconds(60));
        Duration takeover = Duration.ofNanos(System.nanoTime() - start);
        assertThat(takeover).as("taken over without waiting out the 5 minute lease").isLessThan(Duration.ofMinutes(1));
        report("shutdown: in flight at SIGTERM=6, exit after " + exit.toMillis() + " ms, leases held after exit=0, "
                + "taken over in " + takeover.toMillis() + " ms");
    }
}
