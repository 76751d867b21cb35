package com.kustomergateway.application.deliver;

import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.KustomerPort;

import com.kustomergateway.testing.InMemoryDeliveryCoordination;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PausesTest {

    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    static final RelaySettings RELAY = new RelaySettings(true, 4, Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofSeconds(30), Duration.ofSeconds(2));

    final InMemoryDeliveryCoordination shared = new InMemoryDeliveryCoordination(Clock.systemUTC());
    final Pauses pauses = new Pauses(shared, new InstanceIdentity(), RELAY, TestRelay.GENEROUS);
    final Operation note = Operation.accept(OperationId.random(), AddNote.of("conv_1", "hi", true), Optional.empty(),
            NOW).claimed();

    @Test
    void aRefusedKeyIsReportedBeforeARateLimitAndNamesWhoSawIt() {
        shared.pauseForRateLimit(NOW.plusSeconds(30), "429", "instance-a");
        shared.pauseForCredentials(NOW.plusSeconds(10), "Expired token", "instance-b");

        RelayStatus standing = pauses.standing(NOW, true);

        assertThat(standing.state()).isEqualTo(RelayStatus.State.PAUSED_CREDENTIALS);
        assertThat(standing.reason()).contains("Expired token");
        assertThat(standing.until()).contains(NOW.plusSeconds(10));
        assertThat(standing.seenBy()).contains("instance-b");
    }

    @Test
    void aRateLimitPausesUntilItsResetAndNoLonger() {
        pauses.rateLimited(NOW.plusSeconds(5), "x-ratelimit-remaining is 0");

        assertThat(pauses.standing(NOW, true).state()).isEqualTo(RelayStatus.State.PAUSED_RATE_LIMIT);
        assertThat(pauses.standing(NOW, true).until()).contains(NOW.plusSeconds(5));
        assertThat(pauses.standing(NOW.plusSeconds(5), true).state()).isEqualTo(RelayStatus.State.RUNNING);
    }

    @Test
    void aStatusQueryAnswersFromTheLastReadWhileTheDispatcherReadsAgain() {
        assertThat(pauses.standing(NOW, false).state()).isEqualTo(RelayStatus.State.RUNNING);
        pauses.standing(NOW, true);
        shared.pauseForRateLimit(NOW.plusSeconds(30), "429", "instance-a");

        assertThat(pauses.standing(NOW.plus(Pauses.REFRESH), false).state()).isEqualTo(RelayStatus.State.RUNNING);
        assertThat(pauses.standing(NOW.plus(Pauses.REFRESH), true).state())
                .isEqualTo(RelayStatus.State.PAUSED_RATE_LIMIT);
        assertThat(pauses.standing(NOW.plus(Pauses.REFRESH), false).state())
                .isEqualTo(RelayStatus.State.PAUSED_RATE_LIMIT);
    }

    @Test
    void aRefusedKeyPausesEveryInstanceUntilItsRecheckAndADeliveryEndsThePause() {
        Optional<Pauses.Started> started = pauses.learnFrom(note, new DeliveryOutcome.CredentialsRejected(
                DeliveryFailure.http(401, "unauthorized", "Expired token")), NOW);

        assertThat(started).contains(new Pauses.Started("credentials", NOW.plus(RELAY.credentialsRecheck())));
        assertThat(shared.state(NOW, Duration.ofMinutes(1), Duration.ofMinutes(1)).credentials()).isPresent();
        assertThat(pauses.credentialsRefused()).isTrue();

        assertThat(pauses.learnFrom(note, new DeliveryOutcome.Delivered(List.of("id-1")), NOW.plusSeconds(31)))
                .isEmpty();
        assertThat(shared.state(NOW, Duration.ofMinutes(1), Duration.ofMinutes(1)).credentials()).isEmpty();
        assertThat(pauses.standing(NOW.plusSeconds(31), false).state()).isEqualTo(RelayStatus.State.RUNNING);
    }

    @Test
    void a429PausesEveryInstanceUntilTheTimeItNamesThroughTheRateGate() {
        RateGate gate = new RateGate(TestRelay.GENEROUS, shared, pauses, Clock.systemUTC());
        Optional<Instant> until = gate.heed(new KustomerPort.Delivery(new DeliveryOutcome.RateLimited(
                DeliveryFailure.http(429, "rate_limited", "slow"), NOW.plusSeconds(7)), List.of()), "operation x");

        assertThat(until).contains(NOW.plusSeconds(7));
        assertThat(shared.state(NOW, Duration.ofMinutes(1), Duration.ofMinutes(1)).rateLimit()
                .map(p -> p.until())).contains(NOW.plusSeconds(7));
        assertThat(pauses.standing(NOW, true).state()).isEqualTo(RelayStatus.State.PAUSED_RATE_LIMIT);
    }
}
