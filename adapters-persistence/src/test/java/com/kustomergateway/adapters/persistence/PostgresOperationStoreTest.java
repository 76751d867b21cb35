package com.kustomergateway.adapters.persistence;

import static com.kustomergateway.testing.Changes.note;
import static com.kustomergateway.testing.Changes.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.TraceContext;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.RetryPolicy;
import com.kustomergateway.domain.port.OperationStore;
import com.kustomergateway.testing.Changes;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

@QuarkusTest
@TestProfile(PersistenceTestProfile.class)
@WithTestResource(PrivateSchema.class)
class PostgresOperationStoreTest {

    /** Postgres keeps microseconds, so the tests' instants have none finer. */
    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00.123456Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5),
            () -> 0.5);

    @Inject
    OperationStore store;

    @Inject
    DataSource dataSource;

    /** The schema is this test run's own (see PrivateSchema), so emptying it disturbs no one else. */
    @BeforeEach
    void emptyTheOutbox() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM operation");
        }
    }

    @Test
    void storesAnOperationAndReadsItBackEqual() {
        for (Change change : Changes.everyKind()) {
            Operation operation = Operation.accept(OperationId.random(), change,
                    Optional.of(new IdempotencyKey(unique("key"))), T0);

            Operation stored = store.acceptOnce(operation);

            assertThat(stored).isEqualTo(operation);
            assertThat(store.find(operation.id())).contains(operation);
        }
    }

    @Test
    void keepsTheTraceContextAnOperationWasAcceptedUnderForItsDelivery() {
        TraceContext caller = new TraceContext("00-" + TRACE_ID + "-00f067aa0ba902b7-01", Optional.of("vendor=opaque"));
        Operation operation = store.acceptOnce(Operation.accept(OperationId.random(), note(unique("conv")),
                Optional.empty(), T0).acceptedUnder(Optional.of(caller)));

        List<Operation> claimed = store.claimDue(T0, "relay-a", T0.plus(LEASE), 10);

        assertThat(claimed).singleElement().satisfies(c -> assertThat(c.traceContext()).contains(caller));
        assertThat(store.find(operation.id()).orElseThrow().traceContext()).contains(caller);
    }

    @Test
    void operationWithoutAKeyIsStoredEveryTime() {
        Change change = note(unique("conv"));
        Operation first = accept(change);
        Operation second = accept(change);

        assertThat(store.find(first.id())).contains(first);
        assertThat(store.find(second.id())).contains(second);
    }

    @Test
    void unknownIdFindsNothing() {
        assertThat(store.find(OperationId.random())).isEmpty();
    }

    @Test
    void sameIdempotencyKeyReturnsTheStoredOperation() {
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey(unique("key")));
        Operation first = store.acceptOnce(Operation.accept(OperationId.random(), note(unique("conv")), key, T0));

        Operation again = store.acceptOnce(Operation.accept(OperationId.random(), note(unique("conv")), key,
                T0.plusSeconds(5)));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void twentyConcurrentAcceptsWithOneKeyStoreOneRow() throws Exception {
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey(unique("key")));
        Change change = note(unique("conv"));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Operation>> accepts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepts.add(() -> {
                start.await();
                return store.acceptOnce(Operation.accept(OperationId.random(), change, key, T0));
            });
        }

        List<Operation> results = runTogether(accepts, start);

        assertThat(results).extracting(Operation::id).containsOnly(results.get(0).id());
        assertThat(count("SELECT count(*) FROM operation WHERE idempotency_key = ?", key.get().value())).isEqualTo(1);
    }

    @Test
    void claimsOnlyTheOldestPendingOperationOfAResource() {
        String conversation = unique("conv");
        Operation first = accept(note(conversation));
        accept(note(conversation));
        accept(note(conversation));

        assertThat(claim("relay-a", T0)).containsExactly(first.claimed());
    }

    @Test
    void laterOperationOfAResourceWaitsUntilTheEarlierSettles() {
        String conversation = unique("conv");
        Operation first = accept(note(conversation));
        Operation second = accept(note(conversation));
        claim("relay-a", T0);

        assertThat(claim("relay-b", T0.plusSeconds(1))).isEmpty();

        settle(first.claimed(), transientFailure(), "relay-a", T0.plusSeconds(1));
        assertThat(claim("relay-b", T0.plusSeconds(1))).as("the first is still pending, only not yet due").isEmpty();

        assertThat(claim("relay-b", T0.plusSeconds(10))).containsExactly(first.claimed().settle(transientFailure(),
                POLICY, T0.plusSeconds(1)).claimed());
        settle(store.find(first.id()).orElseThrow(), new DeliveryOutcome.Delivered(List.of("note_1")), "relay-b",
                T0.plusSeconds(11));
        assertThat(claim("relay-a", T0.plusSeconds(11))).containsExactly(second.claimed());
    }

    @Test
    void differentResourcesAreClaimedTogether() {
        Operation note = accept(note(unique("conv")));
        Operation klass = accept(Changes.klass(unique("klass")));
        Operation data = accept(Changes.customerData(unique("cust")));

        assertThat(claim("relay-a", T0)).containsExactly(note.claimed(), klass.claimed(), data.claimed());
    }

    @Test
    void claimTakesNoMoreThanTheLimitOldestFirst() {
        Operation first = accept(note(unique("conv")));
        Operation second = accept(note(unique("conv")));
        accept(note(unique("conv")));

        assertThat(store.claimDue(T0, "relay-a", T0.plus(LEASE), 2)).containsExactly(first.claimed(),
                second.claimed());
    }

    @Test
    void queuedOperationIsNotDueBeforeItWasAccepted() {
        accept(note(unique("conv")));

        assertThat(claim("relay-a", T0.minusNanos(1_000))).isEmpty();
    }

    @Test
    void expiredLeaseMakesAnOperationClaimableAgain() {
        Operation operation = accept(note(unique("conv")));
        claim("relay-a", T0);

        assertThat(claim("relay-b", T0.plus(LEASE).minusSeconds(1))).isEmpty();
        List<Operation> reclaimed = claim("relay-b", T0.plus(LEASE).plusNanos(1_000));
        assertThat(reclaimed).containsExactly(operation.claimed().claimed());
        assertThat(reclaimed.get(0).mayHaveReachedKustomer()).isTrue();
    }

    @Test
    void renewedLeasesAreNotTakenOver() {
        Operation operation = accept(note(unique("conv")));
        claim("relay-a", T0);

        assertThat(store.renewLeases("relay-a", List.of(operation.id()), T0.plus(LEASE).plus(LEASE))).isEqualTo(1);
        assertThat(store.renewLeases("relay-b", List.of(operation.id()), T0.plus(LEASE).plus(LEASE))).isZero();

        assertThat(claim("relay-b", T0.plus(LEASE).plusSeconds(1))).isEmpty();
        assertThat(claim("relay-b", T0.plus(LEASE).plus(LEASE).plusSeconds(1))).hasSize(1);
    }

    @Test
    void releasedLeasesAreClaimableAtOnce() {
        Operation operation = accept(note(unique("conv")));
        claim("relay-a", T0);

        assertThat(store.releaseLeases("relay-a", List.of(operation.id()), T0.plusSeconds(1))).isEqualTo(1);

        assertThat(claim("relay-b", T0.plusSeconds(1))).extracting(Operation::id).containsExactly(operation.id());
    }

    @Test
    void aHeldOperationWaitsWithoutAnAttemptAndIsDueAgainAsIfNeverClaimed() {
        Operation operation = accept(note(unique("conv")));
        Operation held = claim("relay-a", T0).get(0).held(T0.plusSeconds(40));

        assertThat(store.hold(held, "relay-b", T0.plusSeconds(1))).isFalse();
        assertThat(store.hold(held, "relay-a", T0.plusSeconds(1))).isTrue();

        assertThat(store.find(operation.id())).contains(held);
        assertThat(store.attempts(operation.id())).isEmpty();
        assertThat(claim("relay-b", T0.plusSeconds(39))).isEmpty();
        assertThat(claim("relay-b", T0.plusSeconds(40))).containsExactly(held.claimed());
    }

    @Test
    void theJournalKeepsWhatADeliveryDidUntilTheOperationSettles() {
        Operation operation = accept(note(unique("conv")));
        Operation claimed = claim("relay-a", T0).get(0);

        store.journal(operation.id(), "relay-a").write("bulk-job:0", "5b3bddb67f8469003df370a4");

        assertThat(store.journal(operation.id(), "relay-b").read("bulk-job:0")).contains("5b3bddb67f8469003df370a4");
        assertThat(store.journal(operation.id(), "relay-a").read("bulk-job:100")).isEmpty();
        assertThatThrownBy(
                () -> store.journal(operation.id(), "relay-b").write("bulk-job:100", "x"))
                .isInstanceOf(IllegalStateException.class);

        settle(claimed, new DeliveryOutcome.Delivered(List.of("note_1")), "relay-a", T0.plusSeconds(1));
        assertThat(store.journal(operation.id(), "relay-a").read("bulk-job:0")).isEmpty();
    }

    @Test
    void settleIsIgnoredWhenTheLeaseWasLost() {
        Operation operation = accept(note(unique("conv")));
        Operation claimed = claim("relay-a", T0).get(0);
        claim("relay-b", T0.plus(LEASE).plusSeconds(1));

        boolean applied = settle(claimed, new DeliveryOutcome.Delivered(List.of("note_1")), "relay-a",
                T0.plus(LEASE).plusSeconds(2));

        assertThat(applied).isFalse();
        assertThat(store.find(operation.id())).contains(operation.claimed().claimed());
        assertThat(store.attempts(operation.id())).isEmpty();
        assertThat(settle(claimed, new DeliveryOutcome.Delivered(List.of("note_1")), "relay-b",
                T0.plus(LEASE).plusSeconds(3))).isTrue();
    }

    @Test
    void settleIsIgnoredForAnOperationNotInFlight() {
        Operation operation = accept(note(unique("conv")));

        assertThat(settle(operation, new DeliveryOutcome.Delivered(List.of("note_1")), "relay-a", T0)).isFalse();
        assertThat(store.find(operation.id())).contains(operation);
    }

    @Test
    void attemptsAreKeptInOrderWithTheirExchanges() {
        Operation operation = accept(Changes.objects(unique("klass")));
        List<DeliveryAttempt> made = new ArrayList<>();
        List<DeliveryOutcome> outcomes = List.of(
                new DeliveryOutcome.Transient(DeliveryFailure.network("TIMEOUT", "read timed out"),
                        Optional.of(T0.plusSeconds(7))),
                new DeliveryOutcome.Transient(DeliveryFailure.http(503, "unavailable", "try later"), Optional.empty()),
                new DeliveryOutcome.RateLimited(DeliveryFailure.http(429, "rate_limited", "slow down"),
                        T0.plusSeconds(90)),
                new DeliveryOutcome.CredentialsRejected(DeliveryFailure.http(401, "unauthorized", "bad key")),
                new DeliveryOutcome.Delivered(List.of("obj_2", "obj_1")));
        Instant now = T0;
        Operation current = operation;
        for (DeliveryOutcome outcome : outcomes) {
            now = now.plusSeconds(120);
            current = claim("relay-a", now).get(0);
            DeliveryAttempt attempt = attempt(current, outcome, now);
            Operation next = current.settle(outcome, POLICY, now);
            assertThat(store.settle(next, attempt, "relay-a")).isTrue();
            made.add(attempt);
            current = next;
        }

        assertThat(store.attempts(operation.id())).isEqualTo(made);
        assertThat(store.find(operation.id())).contains(current);
        assertThat(current.status()).isEqualTo(OperationStatus.DELIVERED);
        assertThat(current.remoteIds()).containsExactly("obj_2", "obj_1");
    }

    @Test
    void rejectedOperationIsStoredFailedWithItsReason() {
        Operation operation = accept(Changes.klass(unique("klass")));
        Operation claimed = claim("relay-a", T0).get(0);
        DeliveryOutcome rejected = new DeliveryOutcome.Rejected(DeliveryFailure.http(400, "invalid", "bad name"));

        settle(claimed, rejected, "relay-a", T0.plusSeconds(1));

        Operation failed = store.find(operation.id()).orElseThrow();
        assertThat(failed).isEqualTo(claimed.settle(rejected, POLICY, T0.plusSeconds(1)));
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(store.attempts(operation.id())).extracting(DeliveryAttempt::outcome).containsExactly(rejected);
        assertThat(claim("relay-a", T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void retryingOperationIsNotDueBeforeItsNextAttempt() {
        Operation operation = accept(note(unique("conv")));
        Operation claimed = claim("relay-a", T0).get(0);
        settle(claimed, transientFailure(), "relay-a", T0);
        Instant nextAttempt = store.find(operation.id()).orElseThrow().nextAttemptAt().orElseThrow();

        assertThat(nextAttempt).isAfter(T0);
        assertThat(claim("relay-a", nextAttempt.minusNanos(1_000))).isEmpty();
        assertThat(claim("relay-a", nextAttempt)).extracting(Operation::id).containsExactly(operation.id());
    }

    @Test
    void twoClaimersNeverGetTheSameOperation() throws Exception {
        Set<OperationId> accepted = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            accepted.add(accept(note(unique("conv"))).id());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<OperationId>>> claimers = new ArrayList<>();
        for (String owner : List.of("relay-a", "relay-b")) {
            claimers.add(() -> {
                start.await();
                List<OperationId> mine = new ArrayList<>();
                List<Operation> batch;
                do {
                    batch = store.claimDue(T0, owner, T0.plus(LEASE), 3);
                    batch.forEach(operation -> mine.add(operation.id()));
                } while (!batch.isEmpty());
                return mine;
            });
        }

        List<List<OperationId>> claims = runTogether(claimers, start);

        assertThat(claims.get(0)).doesNotContainAnyElementsOf(claims.get(1));
        List<OperationId> all = new ArrayList<>(claims.get(0));
        all.addAll(claims.get(1));
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accepted);
    }

    /**
     * An operation's seq is taken when it is inserted, but others see it only once its transaction commits; a
     * later operation of the same resource may be claimed meanwhile, and then the earlier must wait for it.
     */
    @Test
    void operationCommittedLateDoesNotRunBesideOneInFlight() throws Exception {
        String conversation = unique("conv");
        Operation early = Operation.accept(OperationId.random(), note(conversation), Optional.empty(), T0);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> acceptance = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                store.acceptOnce(early);
                inserted.countDown();
                await(commit);
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            Operation late = accept(note(conversation));

            assertThat(claim("relay-a", T0)).containsExactly(late.claimed());
            commit.countDown();
            acceptance.get(30, TimeUnit.SECONDS);

            assertThat(claim("relay-b", T0)).isEmpty();
            settle(late.claimed(), new DeliveryOutcome.Delivered(List.of("note_2")), "relay-a", T0.plusSeconds(1));
            assertThat(claim("relay-b", T0.plusSeconds(1))).containsExactly(early.claimed());
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private Operation accept(Change change) {
        return store.acceptOnce(Operation.accept(OperationId.random(), change, Optional.empty(), T0));
    }

    private List<Operation> claim(String owner, Instant now) {
        return store.claimDue(now, owner, now.plus(LEASE), 100);
    }

    private boolean settle(Operation claimed, DeliveryOutcome outcome, String owner, Instant now) {
        return store.settle(claimed.settle(outcome, POLICY, now), attempt(claimed, outcome, now), owner);
    }

    private static DeliveryOutcome transientFailure() {
        return new DeliveryOutcome.Transient(DeliveryFailure.http(502, "bad_gateway", "upstream down"),
                Optional.empty());
    }

    private static DeliveryAttempt attempt(Operation operation, DeliveryOutcome outcome, Instant startedAt) {
        return new DeliveryAttempt(operation.id(), startedAt, Duration.ofMillis(840), outcome, List.of(
                new KustomerExchange(startedAt, Duration.ofMillis(400), "GET", "/v1/customers/cust_abc123",
                        Optional.empty(), Optional.of(200), Optional.of("{\"data\":[]}")),
                new KustomerExchange(startedAt.plusMillis(400), Duration.ofMillis(440), "POST",
                        "/v1/klasses/loyalty/objects", Optional.of("{\"title\":\"Gold\"}"), Optional.empty(),
                        Optional.empty())), Optional.of(TRACE_ID));
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
