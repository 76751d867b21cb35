package com.kustomergateway.domain.operation;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.change.AddNote;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorTransitionsTest {

    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant LATER = NOW.plus(Duration.ofHours(3));
    static final RetryPolicy POLICY = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
    static final DeliveryOutcome UNAVAILABLE = new DeliveryOutcome.Transient(
            DeliveryFailure.http(503, "http_503", "unavailable"), Optional.empty());

    static Operation queued() {
        return Operation.accept(OperationId.random(), AddNote.of("conv_1", "hello", true), Optional.empty(), NOW);
    }

    static Operation retrying() {
        return queued().claimed().settle(UNAVAILABLE, POLICY, NOW);
    }

    static Operation failed() {
        return retrying().claimed().settle(UNAVAILABLE, POLICY, NOW);
    }

    static Operation delivered() {
        return queued().claimed().settle(new DeliveryOutcome.Delivered(List.of("abc")), POLICY, NOW);
    }

    @Test
    void aRetriedFailedOperationIsQueuedNowWithAFreshRetryBudget() {
        Operation failed = failed();

        Operation retried = failed.retried(LATER);

        assertThat(retried.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(retried.nextAttemptAt()).contains(LATER);
        assertThat(retried.failedAttempts()).isZero();
        assertThat(retried.claimed().settle(UNAVAILABLE, POLICY, LATER).status()).isEqualTo(OperationStatus.RETRYING);
    }

    @Test
    void aRetriedOperationKeepsItsIdentityAndLastFailure() {
        Operation failed = failed();

        Operation retried = failed.retried(LATER);

        assertThat(retried.id()).isEqualTo(failed.id());
        assertThat(retried.acceptedAt()).isEqualTo(failed.acceptedAt());
        assertThat(retried.lastFailure()).isEqualTo(failed.lastFailure());
    }

    @Test
    void aRetriedOperationStillLooksForWhatAnEarlierTryMayHaveCreated() {
        Operation rejected = queued().claimed().settle(new DeliveryOutcome.Rejected(
                DeliveryFailure.http(400, "bad_request", "closed")), POLICY, NOW);

        Operation retriedAndClaimed = rejected.retried(LATER).claimed();

        assertThat(retriedAndClaimed.failedAttempts()).isZero();
        assertThat(retriedAndClaimed.mayHaveReachedKustomer()).isTrue();
    }

    @Test
    void onlyAFailedOperationCanBeRetried() {
        for (Operation operation : List.of(queued(), queued().claimed(), retrying(), delivered(),
                queued().cancelled())) {
            assertThatThrownBy(() -> operation.retried(LATER))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_NOT_RETRYABLE))
                    .hasMessageContaining(operation.status().name());
        }
    }

    @Test
    void aQueuedOrRetryingOperationCanBeCancelledAndIsThenSettled() {
        for (Operation operation : List.of(queued(), retrying())) {
            Operation cancelled = operation.cancelled();

            assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
            assertThat(cancelled.nextAttemptAt()).isEmpty();
            assertThat(cancelled.isSettled()).isTrue();
        }
    }

    @Test
    void anOperationInFlightOrSettledCannotBeCancelled() {
        for (Operation operation : List.of(queued().claimed(), delivered(), failed(), queued().cancelled())) {
            assertThatThrownBy(operation::cancelled)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_NOT_CANCELLABLE));
        }
    }

    @Test
    void onlyDeliveredAndCancelledOperationsMayBePurged() {
        assertThat(List.of(OperationStatus.values()).stream().filter(OperationStatus::isPurgeable))
                .containsExactlyInAnyOrder(OperationStatus.DELIVERED, OperationStatus.CANCELLED);
    }

    @Test
    void aFilterRefusesAnEmptyAcceptanceRange() {
        assertThatThrownBy(() -> new OperationFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(NOW), Optional.of(NOW)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER));
    }
}
