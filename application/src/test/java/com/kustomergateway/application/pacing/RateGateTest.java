package com.kustomergateway.application.pacing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class RateGateTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void theGatewaysOwnCeilingAllowsASmallBurstThenPaces() {
        RateGate gate = new RateGate(600, clock);

        for (int i = 0; i < 60; i++) {
            assertThat(gate.tryAcquire()).as("request %d of the burst", i).isZero();
        }
        assertThat(gate.tryAcquire()).isEqualTo(100);
        clock.advance(Duration.ofMillis(100));
        assertThat(gate.tryAcquire()).isZero();
    }

    @Test
    void whatKustomerSaysIsLeftIsSpreadUntilTheReset() {
        RateGate gate = new RateGate(100_000, clock);

        gate.observe(OptionalInt.of(104), Optional.of(clock.instant().plusSeconds(10)));

        assertThat(gate.tryAcquire()).isZero();
        assertThat(gate.tryAcquire()).isEqualTo(100);
        clock.advance(Duration.ofMillis(100));
        assertThat(gate.tryAcquire()).isZero();
    }

    @Test
    void nothingLeftPausesEveryRequestUntilTheReset() {
        RateGate gate = new RateGate(100_000, clock);
        Instant reset = clock.instant().plusSeconds(7);

        gate.observe(OptionalInt.of(0), Optional.of(reset));

        assertThat(gate.pausedUntil()).contains(reset);
        assertThat(gate.tryAcquire()).isEqualTo(7_000);
        clock.advance(Duration.ofSeconds(7));
        assertThat(gate.tryAcquire()).isZero();
        assertThat(gate.pausedUntil()).isEmpty();
    }

    @Test
    void onlyTheReserveLeftWaitsForTheNextWindow() {
        RateGate gate = new RateGate(100_000, clock);

        gate.observe(OptionalInt.of(RateGate.RESERVE), Optional.of(clock.instant().plusSeconds(3)));

        assertThat(gate.tryAcquire()).isEqualTo(3_000);
    }

    @Test
    void aLaterPauseIsNotShortenedByAnEarlierOne() {
        RateGate gate = new RateGate(100_000, clock);
        gate.pauseUntil(clock.instant().plusSeconds(30), "429");
        gate.pauseUntil(clock.instant().plusSeconds(5), "429");

        assertThat(gate.pausedUntil()).contains(clock.instant().plusSeconds(30));
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
