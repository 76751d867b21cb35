package com.kustomergateway.application.deliver;

import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.KustomerPort;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A Kustomer that answers from a script (then delivers), and remembers what it was sent, in order. */
public class ScriptedKustomer implements KustomerPort {

    private final Deque<DeliveryOutcome> script = new ArrayDeque<>();
    private final List<Operation> received = new ArrayList<>();
    private volatile Optional<String> unavailable = Optional.empty();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger availabilityChecks = new AtomicInteger();

    public synchronized ScriptedKustomer thenAnswer(DeliveryOutcome outcome) {
        script.add(outcome);
        return this;
    }

    public void holdDeliveries() {
        gate = new CountDownLatch(1);
    }

    public void releaseDeliveries() {
        gate.countDown();
    }

    public void unavailableBecause(String reason) {
        unavailable = Optional.ofNullable(reason);
    }

    @Override
    public Delivery deliver(Operation operation, DeliveryJournal journal) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            received.add(operation);
            DeliveryOutcome outcome = script.isEmpty()
                    ? new DeliveryOutcome.Delivered(List.of("id-" + received.size()))
                    : script.poll();
            return new Delivery(outcome, List.of());
        }
    }

    @Override
    public Optional<String> unavailableBecause() {
        availabilityChecks.incrementAndGet();
        return unavailable;
    }

    /** How often the relay asked whether Kustomer can be reached: a pause is only seen to hold once it asked. */
    public int availabilityChecks() {
        return availabilityChecks.get();
    }

    public synchronized List<Operation> received() {
        return List.copyOf(received);
    }
}
