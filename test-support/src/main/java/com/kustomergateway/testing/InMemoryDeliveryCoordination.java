package com.kustomergateway.testing;

import com.kustomergateway.domain.port.DeliveryCoordination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The shared pacing of one process, for tests without a database: what {@code PostgresDeliveryCoordination} keeps
 * in its tables, kept here under one lock and read from the given clock.
 */
public class InMemoryDeliveryCoordination implements DeliveryCoordination {

    private final Clock clock;
    private Instant lastRequestAt = Instant.EPOCH;
    private Instant nextRequestAt = Instant.EPOCH;
    private Duration spreadSpacing = Duration.ZERO;
    private Instant spreadUntil = Instant.EPOCH;
    private OptionalInt kustomerRemaining = OptionalInt.empty();
    private Optional<Instant> kustomerReset = Optional.empty();
    private Instant windowStartedAt = Instant.EPOCH;
    private long windowSpent;
    private Pause rateLimit = new Pause(Instant.EPOCH, "", "");
    private Pause credentials;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, List<Instant>> creations = new HashMap<>();
    private final Map<String, Map<String, Integer>> reservations = new HashMap<>();

    public InMemoryDeliveryCoordination(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Slot takeRequestSlot(Duration spacing, Duration window, Duration ahead) {
        Instant now = clock.instant();
        Instant slot = nextRequestAt.isAfter(rateLimit.until()) ? nextRequestAt : rateLimit.until();
        slot = slot.isAfter(now) ? slot : now;
        Duration effective = spreadUntil.isAfter(now) && spreadSpacing.compareTo(spacing) > 0 ? spreadSpacing : spacing;
        if (slot.isAfter(now.plus(ahead))) {
            return new Slot(false, Duration.between(now, slot));
        }
        lastRequestAt = slot;
        nextRequestAt = slot.plus(effective);
        Instant windowStart = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), window.toMillis()) * window.toMillis());
        windowSpent = windowStart.equals(windowStartedAt) ? windowSpent + 1 : 1;
        windowStartedAt = windowStart;
        return new Slot(true, Duration.between(now, slot));
    }

    @Override
    public synchronized void spread(Duration spacing, Instant until, int remaining) {
        spreadSpacing = spacing;
        spreadUntil = until;
        kustomerRemaining = OptionalInt.of(remaining);
        kustomerReset = Optional.of(until);
        Instant spaced = lastRequestAt.plus(spacing);
        nextRequestAt = spaced.isAfter(nextRequestAt) ? spaced : nextRequestAt;
    }

    @Override
    public synchronized boolean pauseForRateLimit(Instant until, String reason, String seenBy) {
        if (!until.isAfter(rateLimit.until())) {
            return false;
        }
        rateLimit = new Pause(until, reason, seenBy);
        kustomerRemaining = OptionalInt.of(0);
        kustomerReset = Optional.of(until);
        return true;
    }

    @Override
    public synchronized void pauseForCredentials(Instant recheckAt, String reason, String seenBy) {
        credentials = new Pause(recheckAt, reason, seenBy);
    }

    @Override
    public synchronized boolean takeCredentialsProbe(Instant now, Instant nextRecheckAt, String prober) {
        if (credentials == null || credentials.until().isAfter(now)) {
            return false;
        }
        credentials = new Pause(nextRecheckAt, credentials.reason(), credentials.seenBy());
        return true;
    }

    @Override
    public synchronized void credentialsAccepted() {
        credentials = null;
    }

    @Override
    public synchronized void heartbeat(String instance, Instant startedAt, Instant at) {
        instances.put(instance, new Instance(instance, startedAt, at));
    }

    @Override
    public synchronized void leave(String instance) {
        instances.remove(instance);
    }

    @Override
    public synchronized State state(Instant now, Duration window, Duration heartbeatsWithin) {
        Instant currentWindow = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), window.toMillis())
                * window.toMillis());
        boolean kustomerCurrent = kustomerReset.filter(reset -> reset.isAfter(now)).isPresent();
        return new State(rateLimit.until().isAfter(now) ? Optional.of(rateLimit) : Optional.empty(),
                Optional.ofNullable(credentials),
                new BudgetWindow(currentWindow, currentWindow.equals(windowStartedAt) ? windowSpent : 0,
                        kustomerCurrent ? kustomerRemaining : OptionalInt.empty(),
                        kustomerCurrent ? kustomerReset : Optional.empty()),
                instances.values().stream().filter(i -> !i.heartbeatAt().isBefore(now.minus(heartbeatsWithin)))
                        .toList());
    }

    @Override
    public void lockCreationWindows(Collection<String> keys) {
        // One process: CustomerCreationLimit's own lock is enough.
    }

    @Override
    public synchronized Map<String, List<Instant>> creationsSince(Collection<String> keys, Instant since) {
        Map<String, List<Instant>> recent = new HashMap<>();
        for (String key : keys) {
            List<Instant> list = creations.getOrDefault(key, List.of()).stream().filter(at -> !at.isBefore(since))
                    .toList();
            if (!list.isEmpty()) {
                recent.put(key, list);
            }
        }
        return recent;
    }

    @Override
    public synchronized void recordCreations(String reservation, Map<String, Integer> counts, Instant at,
            Instant forgetBefore) {
        counts.forEach((key, count) -> {
            List<Instant> list = creations.computeIfAbsent(key, k -> new ArrayList<>());
            list.removeIf(created -> created.isBefore(forgetBefore));
            for (int i = 0; i < count; i++) {
                list.add(at);
            }
        });
        reservations.put(reservation + "@" + at, Map.copyOf(counts));
    }

    @Override
    public synchronized void redateCreations(String reservation, Instant at) {
        reservations.entrySet().removeIf(entry -> {
            if (!entry.getKey().startsWith(reservation + "@")) {
                return false;
            }
            Instant reservedAt = Instant.parse(entry.getKey().substring(reservation.length() + 1));
            entry.getValue().forEach((key, count) -> {
                List<Instant> list = creations.get(key);
                for (int i = 0; i < count && list.remove(reservedAt); i++) {
                    list.add(at);
                }
                list.sort(null);
            });
            return true;
        });
    }
}
