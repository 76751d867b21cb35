package com.kustomergateway.application.retain;

import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.port.OperationRetention;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** A retention port holding {@code expired} purgeable operations, recording each batch asked for. */
    static final class Expired implements OperationRetention {
        int left;
        final List<Integer> batches = new ArrayList<>();
        final List<Set<OperationStatus>> statuses = new ArrayList<>();
        final List<Instant> cutoffs = new ArrayList<>();

        Expired(int expired) {
            left = expired;
        }

        @Override
        public int purge(Set<OperationStatus> only, Instant before, int limit) {
            int purged = Math.min(left, limit);
            left -= purged;
            batches.add(purged);
            statuses.add(only);
            cutoffs.add(before);
            return purged;
        }
    }

    @Test
    void purgesInBatchesUntilABatchComesBackShort() {
        Expired expired = new Expired(5);
        Retention retention = new Retention(expired, Clock.fixed(NOW, ZoneOffset.UTC),
                new Retention.Settings(true, Duration.ofDays(30), 2, Duration.ofHours(1)));

        assertThat(retention.purgeExpired()).isEqualTo(5);
        assertThat(expired.batches).containsExactly(2, 2, 1);
    }

    @Test
    void purgesOnlyDeliveredAndCancelledOperationsOlderThanTheMaximumAge() {
        Expired expired = new Expired(0);
        Retention retention = new Retention(expired, Clock.fixed(NOW, ZoneOffset.UTC),
                new Retention.Settings(true, Duration.ofDays(30), 500, Duration.ofHours(1)));

        retention.purgeExpired();

        assertThat(expired.statuses).containsExactly(Set.of(OperationStatus.DELIVERED, OperationStatus.CANCELLED));
        assertThat(expired.cutoffs).containsExactly(NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void refusesSettingsThatWouldPurgeEverythingOrNothing() {
        assertThatThrownBy(() -> new Retention.Settings(true, Duration.ZERO, 500, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retention.Settings(true, Duration.ofDays(1), 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
