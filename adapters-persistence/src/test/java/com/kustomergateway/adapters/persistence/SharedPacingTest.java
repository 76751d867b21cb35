package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.port.DeliveryCoordination;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What instances share through the database: one request schedule, the pauses, one probe, the creation windows. */
@QuarkusTest
@TestProfile(PersistenceTestProfile.class)
@WithTestResource(PrivateSchema.class)
class SharedPacingTest {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    @Inject
    DeliveryCoordination coordination;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void freshSchedule() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM kustomer_pacing");
            statement.execute("INSERT INTO kustomer_pacing (id) VALUES (1)");
            statement.execute("DELETE FROM creation_window");
            statement.execute("DELETE FROM relay_instance");
        }
    }

    @Test
    void concurrentTakersGetOneSlotPerSpacingBetweenThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DeliveryCoordination.Slot>> takers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                takers.add(() -> coordination.takeRequestSlot(HOUR, WINDOW, Duration.ofSeconds(1)));
            }
            long taken = 0;
            for (Future<DeliveryCoordination.Slot> result : pool.invokeAll(takers, 30, TimeUnit.SECONDS)) {
                DeliveryCoordination.Slot slot = result.get();
                if (slot.taken()) {
                    taken++;
                    assertThat(slot.delay()).isLessThanOrEqualTo(Duration.ofSeconds(1));
                } else {
                    assertThat(slot.delay()).isGreaterThan(Duration.ofMinutes(59));
                }
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(coordination.state(Instant.now(), WINDOW, HOUR).window().spent()).isEqualTo(1);
    }

    @Test
    void aSlotTakenAheadIsTheScheduledOneSoThePaceDoesNotSlip() {
        Duration spacing = Duration.ofSeconds(10);
        assertThat(coordination.takeRequestSlot(spacing, WINDOW, Duration.ZERO).taken()).isTrue();

        DeliveryCoordination.Slot ahead = coordination.takeRequestSlot(spacing, WINDOW, Duration.ofSeconds(15));
        DeliveryCoordination.Slot outOfReach = coordination.takeRequestSlot(spacing, WINDOW, Duration.ofSeconds(15));

        assertThat(ahead.taken()).as("the next slot, within reach").isTrue();
        assertThat(ahead.delay()).isBetween(Duration.ofSeconds(9), spacing);
        assertThat(outOfReach.taken()).as("the one after, out of reach").isFalse();
        assertThat(outOfReach.delay().minus(ahead.delay())).isBetween(Duration.ofMillis(9_900), spacing);
    }

    @Test
    void theScheduleComesBackAfterPostgresLostItsUnloggedRow() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM kustomer_pacing");
        }

        assertThat(coordination.takeRequestSlot(Duration.ofSeconds(10), WINDOW, Duration.ZERO).taken()).isTrue();
        assertThat(coordination.takeRequestSlot(Duration.ofSeconds(10), WINDOW, Duration.ZERO).taken()).isFalse();
    }

    @Test
    void whatKustomerSaysIsLeftTightensTheScheduleAtOnce() {
        assertThat(coordination.takeRequestSlot(Duration.ofMillis(1), WINDOW, Duration.ZERO).taken()).isTrue();

        coordination.spread(Duration.ofMinutes(10), Instant.now().plus(HOUR), 40);

        DeliveryCoordination.Slot next = coordination.takeRequestSlot(Duration.ofMillis(1), WINDOW, Duration.ZERO);
        assertThat(next.taken()).isFalse();
        assertThat(next.delay()).isGreaterThan(Duration.ofMinutes(9));
        assertThat(coordination.state(Instant.now(), WINDOW, HOUR).window().kustomerRemaining()).hasValue(40);
    }

    @Test
    void aRateLimitPauseHoldsEveryRequestUntilItEndsAndALaterOneWins() {
        Instant until = Instant.now().plus(HOUR);
        assertThat(coordination.pauseForRateLimit(until, "Kustomer answered 429", "instance-a")).isTrue();
        assertThat(coordination.pauseForRateLimit(until.minusSeconds(60), "429", "instance-b")).isFalse();

        DeliveryCoordination.Slot paused = coordination.takeRequestSlot(Duration.ofMillis(1), WINDOW, Duration.ZERO);
        assertThat(paused.taken()).isFalse();
        assertThat(paused.delay()).isGreaterThan(Duration.ofMinutes(59));
        DeliveryCoordination.Pause pause = coordination.state(Instant.now(), WINDOW, HOUR).rateLimit().orElseThrow();
        assertThat(pause.seenBy()).isEqualTo("instance-a");
        assertThat(coordination.state(until.plusSeconds(1), WINDOW, HOUR).rateLimit()).isEmpty();
    }

    @Test
    void aRefusedKeyIsProbedByOneInstanceAndAcceptedForAll() {
        Instant now = Instant.now();
        coordination.pauseForCredentials(now, "Kustomer refused the API key", "instance-a");

        assertThat(coordination.takeCredentialsProbe(now, now.plusSeconds(30), "instance-b")).isTrue();
        assertThat(coordination.takeCredentialsProbe(now, now.plusSeconds(30), "instance-c")).isFalse();
        assertThat(coordination.state(now, WINDOW, HOUR).credentials().orElseThrow().until())
                .isAfter(now.plusSeconds(29));

        coordination.credentialsAccepted();
        assertThat(coordination.state(now, WINDOW, HOUR).credentials()).isEmpty();
    }

    @Test
    void instancesThatStoppedBeatingAreNotCounted() {
        Instant now = Instant.now();
        coordination.heartbeat("alive", now.minusSeconds(60), now);
        coordination.heartbeat("dead", now.minusSeconds(60), now.minusSeconds(30));
        coordination.heartbeat("stopped", now.minusSeconds(60), now);
        coordination.leave("stopped");

        assertThat(coordination.state(now, WINDOW, Duration.ofSeconds(15)).instances())
                .extracting(DeliveryCoordination.Instance::id).containsExactly("alive");
    }

    @Test
    void creationsRecordedByOneInstanceAreSeenByTheNextAndForgottenOutOfTheWindow() {
        Instant t0 = Instant.parse("2030-01-01T09:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> {
            coordination.lockCreationWindows(List.of("customer:a"));
            coordination.recordCreations("op-1", Map.of("customer:a", 3), t0, t0.minus(WINDOW));
        });
        QuarkusTransaction.requiringNew().run(() -> {
            coordination.lockCreationWindows(List.of("customer:a", "customer:b"));
            coordination.recordCreations("op-2", Map.of("customer:a", 1), t0.plusSeconds(90), t0.plusSeconds(30));
        });
        coordination.redateCreations("op-2", t0.plusSeconds(95));

        assertThat(coordination.creationsSince(List.of("customer:a", "customer:b"), t0))
                .containsExactly(Map.entry("customer:a", List.of(t0.plusSeconds(95))));
    }
}
