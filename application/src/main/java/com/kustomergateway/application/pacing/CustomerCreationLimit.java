package com.kustomergateway.application.pacing;

import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.customerprofile.CustomerId;
import com.kustomergateway.domain.customobject.CustomObject;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryCoordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kustomer lets each customer receive at most 120 custom objects per minute (and as many notes; a note's customer
 * is not known to the gateway, only its conversation, so notes are limited per conversation, which is the most
 * one conversation can take). An operation that would exceed the limit is not sent: it waits until the window has
 * room, instead of spending a request on a 429 that would pause every other delivery. The windows are shared by
 * every instance on the database ({@link DeliveryCoordination}); one transaction reads and takes room, holding the
 * windows of the operation's customers meanwhile.
 */
@ApplicationScoped
public class CustomerCreationLimit {

    private final int limit;
    private final Duration window;
    private final DeliveryCoordination coordination;

    public CustomerCreationLimit(PacingSettings settings, DeliveryCoordination coordination) {
        this.limit = settings.creationsPerCustomer();
        this.window = settings.creationsWindow();
        this.coordination = coordination;
    }

    /**
     * Takes the operation's creations from each of its customers' windows and returns empty, or takes nothing and
     * returns when to try again. An operation creating more than the whole limit for one customer goes when that
     * customer's window is empty: it cannot be made smaller here.
     */
    @Transactional
    public synchronized Optional<Instant> reserve(Operation operation, Instant now) {
        Map<String, Integer> needed = creationsByCustomer(operation);
        if (needed.isEmpty()) {
            return Optional.empty();
        }
        coordination.lockCreationWindows(needed.keySet());
        Map<String, List<Instant>> recent = coordination.creationsSince(needed.keySet(), now.minus(window)
                .plusNanos(1));
        Instant retryAt = null;
        for (Map.Entry<String, Integer> entry : needed.entrySet()) {
            List<Instant> created = recent.getOrDefault(entry.getKey(), List.of());
            int wanted = Math.min(entry.getValue(), limit);
            int free = limit - created.size();
            if (wanted > free) {
                // Room comes when enough of the oldest creations have left the window.
                Instant roomAt = created.get(wanted - free - 1).plus(window);
                retryAt = retryAt == null || roomAt.isAfter(retryAt) ? roomAt : retryAt;
            }
        }
        if (retryAt != null) {
            return Optional.of(retryAt);
        }
        coordination.recordCreations(operation.id().toString(), needed, now, now.minus(window));
        return Optional.empty();
    }

    /**
     * The operation's requests went out by {@code at}: its creations count from then, as Kustomer counts them on
     * arrival, not from when they were reserved (a request may wait for the rate gate in between).
     */
    public void sent(Operation operation, Instant at) {
        if (!creationsByCustomer(operation).isEmpty()) {
            coordination.redateCreations(operation.id().toString(), at);
        }
    }

    private static Map<String, Integer> creationsByCustomer(Operation operation) {
        Map<String, Integer> needed = new HashMap<>();
        if (operation.change() instanceof CreateCustomObjects objects) {
            for (CustomObject object : objects.objects()) {
                object.customer().map(CustomerId::value)
                        .ifPresent(customer -> needed.merge("customer:" + customer, 1, Integer::sum));
            }
        } else if (operation.change() instanceof AddNote note) {
            needed.put("conversation:" + note.conversation().value(), 1);
        }
        return needed;
    }
}
