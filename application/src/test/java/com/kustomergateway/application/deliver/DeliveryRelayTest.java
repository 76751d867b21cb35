package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.PacingSettings;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customobject.CustomObjectDraft;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;

import com.kustomergateway.testing.InMemoryDeliveryCoordination;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryRelayTest {

    final InMemoryOperationStore store = new InMemoryOperationStore();
    final ScriptedKustomer kustomer = new ScriptedKustomer();
    final InMemoryDeliveryCoordination pacing = new InMemoryDeliveryCoordination(Clock.systemUTC());
    // The key is re-checked after 2 s: long enough that a loaded machine's test thread still sees the pause.
    final TestRelay wired = TestRelay.of(store, kustomer, pacing, new RelaySettings(true, 4, Duration.ofMillis(50),
            Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(2)), TestRelay.GENEROUS,
            DeliveryEvents.NONE);
    final DeliveryRelay relay = wired.relay();

    @AfterEach
    void stop() {
        kustomer.releaseDeliveries();
        relay.stop();
    }

    Operation accept(String customer, String tier) {
        Operation operation = Operation.accept(OperationId.random(),
                UpdateCustomerData.of(customer, List.of(new KeyValue("loyalty_tier", tier))), Optional.empty(),
                Instant.now());
        store.acceptOnce(operation);
        relay.wake();
        return operation;
    }

    @Test
    void deliversAnAcceptedOperationAndTellsItsWatcher() throws Exception {
        relay.start();
        OperationId id = OperationId.random();
        var watcher = wired.waiting().watch(id);
        store.acceptOnce(Operation.accept(id, UpdateCustomerData.of("c1", List.of(new KeyValue("a", "b"))),
                Optional.empty(), Instant.now()));
        relay.wake();

        Operation settled = watcher.get(5, TimeUnit.SECONDS);
        assertThat(settled.status()).isEqualTo(OperationStatus.DELIVERED);
        assertThat(settled.remoteIds()).containsExactly("id-1");
        assertThat(store.attempts(id)).hasSize(1);
    }

    @Test
    void updatesOfOneCustomerReachKustomerInTheOrderTheyWereAccepted() {
        relay.start();
        List<Operation> accepted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            accepted.add(accept("cust_same", "tier-" + i));
            accept("cust_other_" + i, "x");
        }
        eventually(() -> store.all().stream().allMatch(Operation::isSettled));

        List<Operation> sameCustomer = kustomer.received().stream()
                .filter(o -> o.change().resource().id().equals("cust_same")).toList();
        assertThat(sameCustomer).extracting(Operation::id)
                .containsExactlyElementsOf(accepted.stream().map(Operation::id).toList());
    }

    @Test
    void retriesATransientFailureThenDelivers() {
        kustomer.thenAnswer(new DeliveryOutcome.Transient(DeliveryFailure.http(500, "http_500", "boom"),
                Optional.empty()));
        relay.start();
        Operation operation = accept("c1", "gold");

        eventually(() -> store.find(operation.id()).orElseThrow().status() == OperationStatus.DELIVERED);
        assertThat(store.attempts(operation.id())).extracting(a -> a.outcome().getClass().getSimpleName())
                .containsExactly("Transient", "Delivered");
    }

    @Test
    void aRefusedKeyPausesAllDeliveryWithoutFailingAnyOperation() {
        kustomer.thenAnswer(new DeliveryOutcome.CredentialsRejected(
                DeliveryFailure.http(401, "unauthorized", "Expired token")));
        relay.start();
        Operation first = accept("c1", "gold");

        eventually(() -> relay.status().state() == RelayStatus.State.PAUSED_CREDENTIALS);
        assertThat(relay.status().reason().orElseThrow()).contains("Expired token");
        assertThat(store.find(first.id()).orElseThrow().status()).isEqualTo(OperationStatus.RETRYING);

        eventually(() -> store.find(first.id()).orElseThrow().status() == OperationStatus.DELIVERED);
        assertThat(relay.status().state()).isEqualTo(RelayStatus.State.RUNNING);
    }

    @Test
    void aRateLimitPausesEveryOperationUntilTheReset() {
        Instant reset = Instant.now().plusMillis(400);
        kustomer.thenAnswer(new DeliveryOutcome.RateLimited(DeliveryFailure.http(429, "rate_limited", "slow"), reset));
        relay.start();
        accept("c1", "gold");

        eventually(() -> relay.status().state() == RelayStatus.State.PAUSED_RATE_LIMIT);
        assertThat(relay.status().until()).contains(reset);
        eventually(() -> store.all().stream().allMatch(Operation::isSettled));
        assertThat(kustomer.received().get(1).change()).isEqualTo(kustomer.received().get(0).change());
    }

    @Test
    void withoutAKeyNothingIsSentAndTheReasonIsReported() {
        kustomer.unavailableBecause("KUSTOMER_API_KEY is not set");
        relay.start();
        Operation operation = accept("c1", "gold");
        // Two looks after the operation was stored: the first may have begun before it, the second began after a
        // whole pass that saw it. A relay that ignored the missing key would have claimed it by then.
        int checks = kustomer.availabilityChecks();
        eventually(() -> kustomer.availabilityChecks() >= checks + 2);

        assertThat(store.find(operation.id()).orElseThrow().status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(store.attempts(operation.id())).isEmpty();
        assertThat(kustomer.received()).isEmpty();
        assertThat(relay.status().state()).isEqualTo(RelayStatus.State.UNAVAILABLE);
        assertThat(relay.status().reason()).contains("KUSTOMER_API_KEY is not set");

        kustomer.unavailableBecause(null);
        eventually(() -> store.find(operation.id()).orElseThrow().status() == OperationStatus.DELIVERED);
    }

    @Test
    void objectsPastACustomersCreationLimitWaitWithoutARequestToKustomer() {
        List<Operation> held = new CopyOnWriteArrayList<>();
        DeliveryRelay limited = TestRelay.of(store, kustomer, pacing, new RelaySettings(true, 1, Duration.ofMillis(50),
                Duration.ofMinutes(1), Duration.ofMillis(300), Duration.ofSeconds(2)),
                new PacingSettings(60_000, Duration.ofMinutes(1), 2, Duration.ofMillis(500)), new DeliveryEvents() {
                    @Override
                    public void held(Operation next) {
                        held.add(next);
                    }
                }).relay();
        try {
            limited.start();
            List<Operation> accepted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Operation operation = Operation.accept(OperationId.random(), CreateCustomObjects.of("K_" + i,
                        List.of(new CustomObjectDraft("t", "cust_busy", List.of())), List.of()), Optional.empty(),
                        Instant.now());
                store.acceptOnce(operation);
                accepted.add(operation);
            }
            limited.wake();

            eventually(() -> store.all().stream().allMatch(Operation::isSettled));
            assertThat(kustomer.received()).hasSize(3);
            // The gateway held the third back: no attempt (Kustomer saw nothing of it), only a later next attempt.
            OperationId third = accepted.get(2).id();
            assertThat(held).isNotEmpty().allSatisfy(operation -> {
                assertThat(operation.id()).isEqualTo(third);
                assertThat(operation.status()).isEqualTo(OperationStatus.QUEUED);
                assertThat(operation.nextAttemptAt().orElseThrow()).isAfter(accepted.get(2).acceptedAt());
            });
            List<String> attempts = store.attempts(third).stream()
                    .map(a -> a.outcome().failureIfAny().map(f -> f.code()).orElse("delivered")).toList();
            assertThat(attempts).containsExactly("delivered");
            assertThat(store.find(third).orElseThrow().failedAttempts()).isZero();
            assertThat(store.find(third).orElseThrow().claims()).as("the held claims given back").isEqualTo(1);
            assertThat(pacing.state(Instant.now(), Duration.ofMinutes(1), Duration.ofMinutes(1)).rateLimit()).isEmpty();
        } finally {
            limited.stop();
        }
    }

    static void eventually(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(condition);
    }
}
