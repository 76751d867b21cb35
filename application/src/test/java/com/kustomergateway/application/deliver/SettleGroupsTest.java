package com.kustomergateway.application.deliver;

import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.RetryPolicy;
import com.kustomergateway.domain.port.OperationStore.Settlement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SettleGroupsTest {

    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5),
            () -> 0.5);

    /** The in-memory outbox, which also remembers each transaction's outcomes and can hold the first one up. */
    final RecordingStore store = new RecordingStore();
    final SettleGroups settles = new SettleGroups(store, "relay-a");
    final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        store.firstTransaction.countDown();
        workers.shutdownNow();
    }

    @Test
    void anOutcomeAloneIsRecordedAtOnceInATransactionOfItsOwn() {
        store.firstTransaction.countDown();
        Operation claimed = claimed();

        assertThat(settles.settle(delivered(claimed), attempt(claimed))).isTrue();

        assertThat(store.transactions).containsExactly(List.of(claimed.id()));
        assertThat(store.find(claimed.id()).orElseThrow().status()).isEqualTo(OperationStatus.DELIVERED);
    }

    @Test
    void outcomesThatFinishWhileOneIsRecordedAreRecordedTogetherInTheNextTransaction() throws Exception {
        List<Operation> claimed = IntStream.range(0, 6).mapToObj(i -> claimed()).toList();
        Future<Boolean> first = settleOn(claimed.get(0));
        await().atMost(10, TimeUnit.SECONDS).until(() -> store.transactionsBegun == 1);
        List<Future<Boolean>> rest = new ArrayList<>();
        for (Operation operation : claimed.subList(1, 6)) {
            rest.add(settleOn(operation));
        }
        awaitBlocked(5);

        store.firstTransaction.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        for (Future<Boolean> each : rest) {
            assertThat(each.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.transactions).hasSize(2);
        assertThat(store.transactions.get(0)).containsExactly(claimed.get(0).id());
        assertThat(store.transactions.get(1)).containsExactlyInAnyOrderElementsOf(
                claimed.subList(1, 6).stream().map(Operation::id).toList());
        assertThat(claimed).allSatisfy(operation -> assertThat(store.attempts(operation.id())).hasSize(1));
    }

    @Test
    void aTransactionTheDatabaseRefusesIsTriedAgainOneOutcomeAtATimeSoOnlyTheRefusedOneFails() throws Exception {
        List<Operation> claimed = IntStream.range(0, 4).mapToObj(i -> claimed()).toList();
        Operation refused = claimed.get(2);
        store.refuse = refused.id();
        Future<Boolean> first = settleOn(claimed.get(0));
        await().atMost(10, TimeUnit.SECONDS).until(() -> store.transactionsBegun == 1);
        List<Future<Boolean>> rest = new ArrayList<>();
        for (Operation operation : claimed.subList(1, 4)) {
            rest.add(settleOn(operation));
        }
        awaitBlocked(3);

        store.firstTransaction.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(rest.get(0).get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> rest.get(1).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
        assertThat(rest.get(2).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.find(refused.id())).contains(refused);
        assertThat(store.attempts(refused.id())).isEmpty();
        // The first alone; the other three together, refused; then each of the three alone.
        assertThat(store.transactions).hasSize(5);
        assertThat(store.transactions.subList(2, 5)).allSatisfy(one -> assertThat(one).hasSize(1));
    }

    @Test
    void anOutcomeWhoseLeaseWasLostIsAnsweredFalseWithoutHoldingUpTheOthers() throws Exception {
        store.firstTransaction.countDown();
        Operation lost = claimed();
        Operation kept = claimed();
        store.renewLeases("relay-a", List.of(kept.id()), T0.plusSeconds(600));
        store.claimDue(T0.plusSeconds(61), "relay-b", T0.plusSeconds(120), 10);

        assertThat(settles.settle(delivered(lost), attempt(lost))).isFalse();
        assertThat(settles.settle(delivered(kept), attempt(kept))).isTrue();

        assertThat(store.attempts(lost.id())).isEmpty();
    }

    private Future<Boolean> settleOn(Operation claimed) {
        return workers.submit(() -> settles.settle(delivered(claimed), attempt(claimed)));
    }

    /** Waits until {@code workers} threads wait for the transaction under way to end (the one under way not counted). */
    private static void awaitBlocked(int workers) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> Thread.getAllStackTraces().values().stream()
                .filter(stack -> calls(stack, SettleGroups.class, "settle")
                        && !calls(stack, RecordingStore.class, "settleAll"))
                .count() == workers);
    }

    private static boolean calls(StackTraceElement[] stack, Class<?> type, String method) {
        return List.of(stack).stream()
                .anyMatch(frame -> frame.getClassName().equals(type.getName()) && frame.getMethodName().equals(method));
    }

    private Operation claimed() {
        Operation accepted = Operation.accept(OperationId.random(),
                UpdateCustomerData.of("cust_" + OperationId.random().value().toString().substring(0, 8),
                        List.of(new KeyValue("loyalty_tier", "gold"))), Optional.empty(), T0);
        store.acceptOnce(accepted);
        return store.claimDue(T0, "relay-a", T0.plusSeconds(60), 1000).stream()
                .filter(claimed -> claimed.id().equals(accepted.id())).findFirst().orElseThrow();
    }

    private static Operation delivered(Operation claimed) {
        return claimed.settle(new DeliveryOutcome.Delivered(List.of("id-1")), POLICY, T0.plusSeconds(1));
    }

    private static DeliveryAttempt attempt(Operation claimed) {
        return new DeliveryAttempt(claimed.id(), T0, Duration.ofMillis(20),
                new DeliveryOutcome.Delivered(List.of("id-1")), List.of(), Optional.empty());
    }

    static final class RecordingStore extends InMemoryOperationStore {
        final CountDownLatch firstTransaction = new CountDownLatch(1);
        final List<List<OperationId>> transactions = new CopyOnWriteArrayList<>();
        volatile int transactionsBegun;
        volatile OperationId refuse;

        @Override
        public List<Boolean> settleAll(List<Settlement> settlements, String owner) {
            transactionsBegun++;
            try {
                firstTransaction.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            transactions.add(settlements.stream().map(s -> s.next().id()).toList());
            if (settlements.stream().anyMatch(s -> s.next().id().equals(refuse))) {
                throw new IllegalStateException("the database refused " + refuse);
            }
            return super.settleAll(settlements, owner);
        }
    }
}
