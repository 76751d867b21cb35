package com.kustomergateway.application.pacing;

import com.kustomergateway.application.GatewaySettings;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CustomObject;
import com.kustomergateway.domain.change.CustomerId;
import com.kustomergateway.domain.operation.Operation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kustomer lets each customer receive at most 120 custom objects per minute (and as many notes; a note's customer
 * is not known to the gateway, only its conversation, so notes are limited per conversation, which is the most
 * one conversation can take). An operation that would exceed the limit is not sent: it waits until the window has
 * room, instead of spending a request on a 429 that would pause every other delivery. The count is per gateway
 * instance.
 */
@ApplicationScoped
public class CustomerCreationLimit {

    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> creations = new HashMap<>();

    @Inject
    public CustomerCreationLimit(GatewaySettings settings) {
        this(settings.kustomer().creationsPerCustomer(), settings.kustomer().creationsWindow());
    }

    public CustomerCreationLimit(int limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("gateway.kustomer.creations-per-customer must be at least 1");
        }
        this.limit = limit;
        this.window = window;
    }

    /**
     * Takes the operation's creations from each of its customers' windows and returns empty, or takes nothing and
     * returns when to try again. An operation creating more than the whole limit for one customer goes when that
     * customer's window is empty: it cannot be made smaller here.
     */
    public synchronized Optional<Instant> reserve(Operation operation, Instant now) {
        Map<String, Integer> needed = creationsByCustomer(operation);
        Instant retryAt = null;
        for (Map.Entry<String, Integer> entry : needed.entrySet()) {
            Deque<Instant> recent = recent(entry.getKey(), now);
            int wanted = Math.min(entry.getValue(), limit);
            int free = limit - recent.size();
            if (wanted > free) {
                // Room comes when enough of the oldest creations have left the window.
                Instant roomAt = recent.stream().skip(wanted - free - 1L).findFirst().orElse(now).plus(window);
                retryAt = retryAt == null || roomAt.isAfter(retryAt) ? roomAt : retryAt;
            }
        }
        if (retryAt != null) {
            return Optional.of(retryAt);
        }
        needed.forEach((customer, count) -> {
            Deque<Instant> recent = creations.get(customer);
            for (int i = 0; i < count; i++) {
                recent.addLast(now);
            }
        });
        return Optional.empty();
    }

    private Deque<Instant> recent(String customer, Instant now) {
        Deque<Instant> recent = creations.computeIfAbsent(customer, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
            recent.pollFirst();
        }
        return recent;
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
