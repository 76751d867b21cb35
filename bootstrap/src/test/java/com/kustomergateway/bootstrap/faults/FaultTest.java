package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.testing.GatewayProcess;
import com.kustomergateway.testing.Outbox;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every fault test has: a Kustomer stand-in in this JVM, an outbox schema of its own, and the gateways it
 * started, killed at the end whatever happened. Fault tests run in {@code mvn verify -Pfaults}.
 */
@Tag("faults")
abstract class FaultTest {

    protected final KustomerStandIn kustomer = new KustomerStandIn();
    protected final Outbox outbox = new Outbox();
    private final List<GatewayProcess> gateways = new ArrayList<>();

    @BeforeEach
    void startKustomer() {
        kustomer.start();
    }

    @AfterEach
    void stopEverything() {
        gateways.forEach(GatewayProcess::close);
        kustomer.stop();
        outbox.close();
    }

    protected GatewayProcess gateway(String name) {
        return gateway(name, kustomer.baseUrl());
    }

    protected GatewayProcess gateway(String name, String kustomerUrl) {
        GatewayProcess gateway = new GatewayProcess(name,
                GatewayProcess.settings(outbox, kustomerUrl, KustomerStandIn.API_KEY));
        gateways.add(gateway);
        return gateway;
    }

    /** Waits until every accepted operation is delivered; fails, naming what is left, if that takes too long. */
    protected void awaitAllDelivered(int accepted, Duration atMost) {
        awaitTrue(() -> outbox.countByStatus().getOrDefault("DELIVERED", 0L) == accepted, atMost,
                () -> "not all " + accepted + " operations delivered: " + outbox.countByStatus());
    }

    protected static void awaitTrue(Callable<Boolean> condition, Duration atMost, Supplier<String> why) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(why.get(), e);
        }
    }

    /**
     * Every acknowledged operation reached Kustomer: each thing it creates exists, custom objects and Klasses
     * exactly once, and each customer holds the last value sent. Returns how many notes were created twice.
     */
    protected int assertKustomerHoldsEverything(Workload workload, List<Workload.Accepted> accepted) {
        Map<String, Integer> creations = kustomer.creations();
        int duplicateNotes = 0;
        for (Workload.Accepted operation : accepted) {
            for (String key : operation.creations()) {
                assertThat(creations).as("created in Kustomer").containsKey(key);
                if (key.startsWith("note:")) {
                    duplicateNotes += creations.get(key) - 1;
                } else {
                    assertThat(creations.get(key)).as("times %s was created", key).isEqualTo(1);
                }
            }
        }
        workload.lastSequenceByCustomer(accepted).forEach((customer, last) ->
                assertThat(kustomer.customer(customer).orElseThrow().path("counterNum").asInt())
                        .as("the counter customer %s holds", customer).isEqualTo(last));
        return duplicateNotes;
    }

    protected static void report(String figures) {
        System.out.println("[faults] " + figures);
    }
}
