package com.kustomergateway.domain.operation;

import com.kustomergateway.domain.change.AddNote;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OperationLifecycleTest {

    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);

    static Operation inFlight() {
        return Operation.accept(OperationId.random(), AddNote.of("conv_1", "hello", true), Optional.empty(), NOW)
                .claimed();
    }

    @Test
    void anAcceptedOperationIsQueuedAndDueAtOnce() {
        Operation operation = Operation.accept(OperationId.random(), AddNote.of("c", "b", true), Optional.empty(), NOW);
        assertThat(operation.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(operation.nextAttemptAt()).contains(NOW);
        assertThat(operation.externalId()).isEqualTo("kgw-" + operation.id());
    }

    @Test
    void deliveryKeepsKustomersIds() {
        Operation delivered = inFlight().settle(new DeliveryOutcome.Delivered(List.of("abc")), POLICY, NOW);
        assertThat(delivered.status()).isEqualTo(OperationStatus.DELIVERED);
        assertThat(delivered.remoteIds()).containsExactly("abc");
        assertThat(delivered.nextAttemptAt()).isEmpty();
        assertThat(delivered.isSettled()).isTrue();
    }

    @Test
    void aRejectionFailsAtOnce() {
        DeliveryFailure failure = DeliveryFailure.http(400, "bad_request", "title is required");
        Operation failed = inFlight().settle(new DeliveryOutcome.Rejected(failure), POLICY, NOW);
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.lastFailure()).contains(failure);
    }

    @Test
    void transientFailuresRetryWithGrowingBackoffUntilTheLimit() {
        DeliveryOutcome unavailable = new DeliveryOutcome.Transient(
                DeliveryFailure.http(503, "http_503", "unavailable"), Optional.empty());
        Operation first = inFlight().settle(unavailable, POLICY, NOW);
        assertThat(first.status()).isEqualTo(OperationStatus.RETRYING);
        assertThat(first.nextAttemptAt()).contains(NOW.plusSeconds(1));
        Operation second = first.claimed().settle(unavailable, POLICY, NOW);
        assertThat(second.nextAttemptAt()).contains(NOW.plusSeconds(2));
        Operation third = second.claimed().settle(unavailable, POLICY, NOW);
        assertThat(third.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(third.failedAttempts()).isEqualTo(3);
    }

    @Test
    void aTransientFailureWaitsAtLeastAsLongAsKustomerAsks() {
        Instant later = NOW.plusSeconds(90);
        Operation next = inFlight().settle(new DeliveryOutcome.Transient(
                DeliveryFailure.http(503, "http_503", "x"), Optional.of(later)), POLICY, NOW);
        assertThat(next.nextAttemptAt()).contains(later);
    }

    @Test
    void anOperationTheGatewayHeldWaitsAsIfNeverClaimed() {
        Operation held = inFlight().held(NOW.plusSeconds(40));
        assertThat(held.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(held.nextAttemptAt()).contains(NOW.plusSeconds(40));
        assertThat(held.failedAttempts()).isZero();
        assertThat(held.lastFailure()).isEmpty();
        assertThat(held.claims()).isZero();
        assertThat(held.mayHaveReachedKustomer()).isFalse();

        Operation retrying = inFlight().settle(new DeliveryOutcome.Transient(DeliveryFailure.http(503, "http_503", "x"),
                Optional.empty()), POLICY, NOW).claimed().held(NOW.plusSeconds(40));
        assertThat(retrying.status()).isEqualTo(OperationStatus.RETRYING);
        assertThat(retrying.failedAttempts()).isEqualTo(1);
        assertThat(retrying.lastFailure()).isPresent();
    }

    @Test
    void rateLimitsAndRefusedKeysDoNotCountAgainstTheOperation() {
        Operation limited = inFlight().settle(new DeliveryOutcome.RateLimited(
                DeliveryFailure.http(429, "too_many_requests", "slow down"), NOW.plusSeconds(30)), POLICY, NOW);
        assertThat(limited.status()).isEqualTo(OperationStatus.RETRYING);
        assertThat(limited.nextAttemptAt()).contains(NOW.plusSeconds(30));
        assertThat(limited.failedAttempts()).isZero();

        Operation refused = inFlight().settle(new DeliveryOutcome.CredentialsRejected(
                DeliveryFailure.http(401, "unauthorized", "Expired token")), POLICY, NOW);
        assertThat(refused.status()).isEqualTo(OperationStatus.RETRYING);
        assertThat(refused.failedAttempts()).isZero();
    }

    @Test
    void backoffIsCappedAndJittered() {
        RetryPolicy lowest = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
        RetryPolicy highest = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
        assertThat(lowest.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(highest.backoff(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(lowest.backoff(60)).isEqualTo(Duration.ofSeconds(15));
    }
}
