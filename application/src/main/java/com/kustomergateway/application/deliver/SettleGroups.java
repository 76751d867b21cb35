package com.kustomergateway.application.deliver;

import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.OperationStore;
import com.kustomergateway.domain.port.OperationStore.Settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records the outcomes of concurrent deliveries in shared transactions (group commit): a worker whose outcome finds
 * no transaction under way records it, with every outcome that waits at that moment; the workers that finish
 * meanwhile wait for it and are recorded together in the next one. Alone, an outcome is recorded at once, as before;
 * under load, one commit serves several. Each worker still returns only once its own outcome is committed (or
 * refused), so nothing is announced before it is recorded.
 * <p>
 * When a shared transaction fails, each of its outcomes is tried again in a transaction of its own, so one outcome
 * the database refuses cannot keep the others from being recorded: each gets the answer it would have had alone.
 */
final class SettleGroups {

    /** At most this many outcomes in one transaction, so that its row locks are few and held briefly. */
    static final int LARGEST = 32;

    private final OperationStore store;
    private final String owner;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock recording = new ReentrantLock();

    SettleGroups(OperationStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    /** Records {@code attempt} and the state {@code next}, as {@link OperationStore#settle} does. */
    boolean settle(Operation next, DeliveryAttempt attempt) {
        Waiting mine = new Waiting(new Settlement(next, attempt));
        waiting.add(mine);
        recording.lock();
        try {
            // The worker recording before this one has most likely taken this outcome along already.
            while (!mine.answer.isDone()) {
                record(take());
            }
        } finally {
            recording.unlock();
        }
        try {
            return mine.answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    private List<Waiting> take() {
        List<Waiting> group = new ArrayList<>();
        Waiting next;
        while (group.size() < LARGEST && (next = waiting.poll()) != null) {
            group.add(next);
        }
        return group;
    }

    private void record(List<Waiting> group) {
        try {
            List<Boolean> recorded = store.settleAll(group.stream().map(Waiting::settlement).toList(), owner);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer.complete(recorded.get(i));
            }
        } catch (RuntimeException | Error e) {
            // Every outcome taken is answered before the lock is given up: the next worker finds its own answered
            // or still waiting, never lost between the two.
            if (group.size() == 1) {
                group.get(0).answer.completeExceptionally(e);
                return;
            }
            for (Waiting one : group) {
                record(List.of(one));
            }
        }
    }

    private record Waiting(Settlement settlement, CompletableFuture<Boolean> answer) {
        Waiting(Settlement settlement) {
            this(settlement, new CompletableFuture<>());
        }
    }
}
