package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.testing.GatewayProcess;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateways on one database share the work: nothing twice, nothing lost, order kept per resource. */
class TwoInstancesIT extends FaultTest {

    @Test
    void twoGatewaysDeliverEveryOperationOnceInOrder() throws Exception {
        GatewayProcess a = gateway("instance-a").start();
        GatewayProcess b = gateway("instance-b").start();
        Workload workload = new Workload(5_000, "pair");

        Workload.Outcome sent = workload.send(16, slot -> slot % 2 == 0 ? a : b);

        assertThat(sent.accepted()).hasSize(workload.size());
        awaitAllDelivered(workload.size(), Duration.ofMinutes(5));
        int duplicateNotes = assertKustomerHoldsEverything(workload, sent.accepted());
        assertThat(duplicateNotes).isZero();
        long attemptsTotal = outbox.count("true");
        report("two instances: operations=" + workload.size() + " duplicates=0 lost=0 outOfOrder=0 rows="
                + attemptsTotal);
    }
}
