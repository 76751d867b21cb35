package com.kustomergateway.application.deliver;

import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.OperationStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The outbox's contract in memory: acceptance order, one pending head per resource, leases. */
public class InMemoryOperationStore implements OperationStore {

    private final Map<OperationId, Operation> operations = new LinkedHashMap<>();
    private final Map<OperationId, String> leaseOwners = new LinkedHashMap<>();
    private final Map<OperationId, Instant> leaseEnds = new LinkedHashMap<>();
    private final Map<OperationId, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
    private final Map<OperationId, DeliveryJournal> journals = new ConcurrentHashMap<>();

    @Override
    public synchronized Operation acceptOnce(Operation operation) {
        if (operation.idempotencyKey().isPresent()) {
            for (Operation stored : operations.values()) {
                if (stored.idempotencyKey().equals(operation.idempotencyKey())) {
                    return stored;
                }
            }
        }
        operations.put(operation.id(), operation);
        return operation;
    }

    @Override
    public synchronized Optional<Operation> find(OperationId id) {
        return Optional.ofNullable(operations.get(id));
    }

    @Override
    public synchronized List<Operation> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        List<Operation> claimed = new ArrayList<>();
        Set<String> blockedResources = new HashSet<>();
        for (Operation operation : operations.values()) {
            String resource = operation.change().resource().toString();
            if (!operation.status().isPending() || !blockedResources.add(resource)) {
                continue;
            }
            boolean due = operation.status() == OperationStatus.IN_FLIGHT
                    ? leaseEnds.get(operation.id()).isBefore(now)
                    : !operation.nextAttemptAt().orElseThrow().isAfter(now);
            if (due && claimed.size() < limit) {
                Operation inFlight = operation.claimed();
                operations.put(operation.id(), inFlight);
                leaseOwners.put(operation.id(), owner);
                leaseEnds.put(operation.id(), leaseUntil);
                claimed.add(inFlight);
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean settle(Operation next, DeliveryAttempt attempt, String owner) {
        Operation current = operations.get(next.id());
        if (current.status() != OperationStatus.IN_FLIGHT || !owner.equals(leaseOwners.get(next.id()))) {
            return false;
        }
        operations.put(next.id(), next);
        leaseOwners.remove(next.id());
        attempts.computeIfAbsent(next.id(), k -> new ArrayList<>()).add(attempt);
        return true;
    }

    @Override
    public synchronized boolean hold(Operation held, String owner, Instant now) {
        Operation current = operations.get(held.id());
        if (current.status() != OperationStatus.IN_FLIGHT || !owner.equals(leaseOwners.get(held.id()))) {
            return false;
        }
        operations.put(held.id(), held);
        leaseOwners.remove(held.id());
        return true;
    }

    @Override
    public synchronized int renewLeases(String owner, List<OperationId> ids, Instant leaseUntil) {
        int renewed = 0;
        for (OperationId id : ids) {
            if (owner.equals(leaseOwners.get(id)) && operations.get(id).status() == OperationStatus.IN_FLIGHT) {
                leaseEnds.put(id, leaseUntil);
                renewed++;
            }
        }
        return renewed;
    }

    @Override
    public synchronized int releaseLeases(String owner, List<OperationId> ids, Instant now) {
        return renewLeases(owner, ids, now.minusMillis(1));
    }

    @Override
    public DeliveryJournal journal(OperationId id, String owner) {
        return journals.computeIfAbsent(id, k -> DeliveryJournal.inMemory());
    }

    @Override
    public synchronized List<DeliveryAttempt> attempts(OperationId id) {
        return List.copyOf(attempts.getOrDefault(id, List.of()));
    }

    public synchronized List<Operation> all() {
        return List.copyOf(operations.values());
    }
}
