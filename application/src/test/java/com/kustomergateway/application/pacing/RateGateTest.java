package com.kustomergateway.application.pacing;

import com.kustomergateway.application.deliver.Pauses;
import com.kustomergateway.application.deliver.RelaySettings;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.RequestBudget;
import com.kustomergateway.domain.port.DeliveryCoordination;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.testing.InMemoryDeliveryCoordination;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class RateGateTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final InMemoryDeliveryCoordination shared = new InMemoryDeliveryCoordination(clock);

    RateGate gate(int requestsPerMinute) {
        PacingSettings pacing = new PacingSettings(requestsPerMinute, Duration.ofMinutes(1), 120,
                Duration.ofMinutes(1));
        RelaySettings relay = new RelaySettings(true, 1, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofSeconds(1));
        return new RateGate(pacing, shared, new Pauses(shared, new InstanceIdentity(), relay, pacing), clock);
    }

    @Test
    void theGatewaysOwnCeilingSpacesRequestsEvenlySoNoMinuteHoldsMore() {
        RateGate gate = gate(600);

        assertThat(gate.tryAcquire()).isZero();
        assertThat(gate.tryAcquire()).isEqualTo(100);
        clock.advance(Duration.ofMillis(100));
        assertThat(gate.tryAcquire()).isZero();
    }

    @Test
    void instancesOnOneDatabaseShareOneCeiling() {
        RateGate first = gate(600);
        RateGate second = gate(600);

        assertThat(first.tryAcquire()).isZero();
        assertThat(second.tryAcquire()).as("the other instance waits for the shared schedule").isEqualTo(100);
        clock.advance(Duration.ofMillis(100));
        assertThat(second.tryAcquire()).isZero();
        assertThat(first.tryAcquire()).isEqualTo(100);
    }

    @Test
    void whatKustomerSaysIsLeftIsSpreadUntilTheResetForEveryInstance() {
        RateGate seeing = gate(100_000);
        RateGate other = gate(100_000);
        assertThat(seeing.tryAcquire()).isZero();

        seeing.observe(OptionalInt.of(104), Optional.of(clock.instant().plusSeconds(10)));

        assertThat(other.tryAcquire()).isEqualTo(100);
        clock.advance(Duration.ofMillis(100));
        assertThat(other.tryAcquire()).isZero();
        assertThat(seeing.tryAcquire()).isEqualTo(100);
    }

    @Test
    void nothingLeftPausesEveryInstanceUntilTheReset() {
        RateGate seeing = gate(100_000);
        RateGate other = gate(100_000);
        Instant reset = clock.instant().plusSeconds(7);

        seeing.observe(OptionalInt.of(0), Optional.of(reset));

        assertThat(pause()).map(DeliveryCoordination.Pause::until).contains(reset);
        assertThat(other.tryAcquire()).isEqualTo(7_000);
        clock.advance(Duration.ofSeconds(7));
        assertThat(other.tryAcquire()).isZero();
        assertThat(pause()).isEmpty();
    }

    @Test
    void onlyTheReserveLeftWaitsForTheNextWindow() {
        RateGate gate = gate(100_000);
        assertThat(gate.tryAcquire()).isZero();

        gate.observe(OptionalInt.of(RateGate.RESERVE), Optional.of(clock.instant().plusSeconds(3)));

        assertThat(gate.tryAcquire()).isEqualTo(3_000);
    }

    @Test
    void aLaterPauseIsNotShortenedByAnEarlierOne() {
        RateGate gate = gate(100_000);
        gate.pauseUntil(clock.instant().plusSeconds(30), "429");
        gate.pauseUntil(clock.instant().plusSeconds(5), "429");

        assertThat(pause()).map(DeliveryCoordination.Pause::until).contains(clock.instant().plusSeconds(30));
    }

    @Test
    void aDeliveryAnswered429PausesEveryRequestUntilTheTimeItNames() {
        RateGate seeing = gate(100_000);
        RateGate other = gate(100_000);
        Instant until = clock.instant().plusSeconds(12);
        KustomerPort.Delivery limited = new KustomerPort.Delivery(new DeliveryOutcome.RateLimited(
                DeliveryFailure.http(429, "rate_limited", "slow"), until), List.of(),
                new RequestBudget(OptionalInt.of(0), Optional.of(until)));

        assertThat(seeing.heed(limited, "operation 1")).contains(until);

        assertThat(pause()).map(DeliveryCoordination.Pause::until).contains(until);
        assertThat(other.tryAcquire()).isEqualTo(12_000);
    }

    @Test
    void aSpentBudgetOutlastsAShorterRetryAfter() {
        RateGate gate = gate(100_000);
        Instant retryAfter = clock.instant().plusSeconds(1);
        Instant reset = clock.instant().plusSeconds(40);

        gate.heed(new KustomerPort.Delivery(new DeliveryOutcome.RateLimited(
                DeliveryFailure.http(429, "rate_limited", "slow"), retryAfter), List.of(),
                new RequestBudget(OptionalInt.of(0), Optional.of(reset))), "operation 1");

        assertThat(pause()).map(DeliveryCoordination.Pause::until).contains(reset);
    }

    @Test
    void theBudgetADeliveryReportsPacesEveryInstance() {
        RateGate seeing = gate(100_000);
        RateGate other = gate(100_000);
        assertThat(seeing.tryAcquire()).isZero();
        KustomerPort.Delivery delivered = new KustomerPort.Delivery(new DeliveryOutcome.Delivered(List.of("id")),
                List.of(), new RequestBudget(OptionalInt.of(104), Optional.of(clock.instant().plusSeconds(10))));

        assertThat(seeing.heed(delivered, "operation 1")).isEmpty();

        assertThat(pause()).isEmpty();
        assertThat(other.tryAcquire()).isEqualTo(100);
    }

    @Test
    void aDeliveryThatSaidNothingOfTheBudgetChangesNoPace() {
        RateGate gate = gate(600);
        assertThat(gate.tryAcquire()).isZero();

        gate.heed(new KustomerPort.Delivery(new DeliveryOutcome.Delivered(List.of("id")), List.of()), "operation 1");

        assertThat(pause()).isEmpty();
        assertThat(gate.tryAcquire()).isEqualTo(100);
    }

    private Optional<DeliveryCoordination.Pause> pause() {
        return shared.state(clock.instant(), Duration.ofMinutes(1), Duration.ofMinutes(1)).rateLimit();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
