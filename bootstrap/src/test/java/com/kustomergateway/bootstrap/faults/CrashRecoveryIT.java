package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.testing.GatewayProcess;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL in the middle of delivery loses nothing: the next process delivers every acknowledged operation. */
class CrashRecoveryIT extends FaultTest {

    @Test
    void aGatewayKilledWhileDeliveringLosesNothingAcknowledged() throws Exception {
        // Kustomer answers in 100 ms, so deliveries are under way whenever the kill comes.
        kustomer.server().setGlobalFixedDelay(100);
        AtomicReference<GatewayProcess> current = new AtomicReference<>(gateway("crash-first").start());
        Workload workload = new Workload(1_000, "crash");
        AtomicLong inFlightAtKill = new AtomicLong(-1);
        AtomicLong deliveredAtKill = new AtomicLong(-1);
        Thread killer = new Thread(() -> {
            awaitTrue(() -> outbox.count("status = 'DELIVERED'") >= 100, Duration.ofMinutes(2),
                    () -> "deliveries did not start: " + outbox.countByStatus());
            inFlightAtKill.set(outbox.count("status = 'IN_FLIGHT'"));
            deliveredAtKill.set(outbox.count("status = 'DELIVERED'"));
            current.get().kill();
            kustomer.server().setGlobalFixedDelay(0);
            current.set(gateway("crash-second").start());
        });
        killer.start();

        Workload.Outcome sent = workload.send(16, slot -> current.get());
        killer.join();

        assertThat(sent.accepted()).hasSize(workload.size());
        assertThat(inFlightAtKill.get()).as("deliveries under way at the kill").isPositive();
        awaitAllDelivered(workload.size(), Duration.ofMinutes(3));
        int duplicateNotes = assertKustomerHoldsEverything(workload, sent.accepted());
        assertThat(duplicateNotes).isLessThanOrEqualTo((int) inFlightAtKill.get());
        report("crash: operations=" + workload.size() + " kills=1 deliveredAtKill=" + deliveredAtKill
                + " inFlightAtKill=" + inFlightAtKill + " duplicateNotes=" + duplicateNotes
                + " duplicateObjects=0 duplicateKlasses=0 customerUpdatesOutOfOrder=0");
    }
}
