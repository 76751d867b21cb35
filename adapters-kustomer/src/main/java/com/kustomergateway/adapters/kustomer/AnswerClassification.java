package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;

import java.time.Duration;
import java.time.Instant;

/** What an unsuccessful Kustomer status means for the operation. */
final class AnswerClassification {

    /** How long to hold off after a 429 that names no time: Kustomer's budget is per minute. */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    private AnswerClassification() {
    }

    static DeliveryOutcome outcomeOf(Answer answer) {
        Instant now = answer.receivedAt();
        int status = answer.status();
        DeliveryFailure failure = ResponseBodies.failure(status, answer.body());
        if (status == 401 || status == 403) {
            return new DeliveryOutcome.CredentialsRejected(failure);
        }
        if (status == 429) {
            return new DeliveryOutcome.RateLimited(failure, rateLimitedUntil(answer, now));
        }
        if (status == 408 || status >= 500) {
            return new DeliveryOutcome.Transient(failure, answer.retryAfter());
        }
        return new DeliveryOutcome.Rejected(failure);
    }

    /** Retry-After first (it is about this answer), then the budget's reset, then a minute. */
    private static Instant rateLimitedUntil(Answer answer, Instant now) {
        Instant until = answer.retryAfter().or(answer::rateLimitReset)
                .orElse(now.plus(DEFAULT_RATE_LIMIT_WAIT));
        // A reset already past (clock skew) would let every operation hammer Kustomer again at once.
        return until.isAfter(now) ? until : now.plusSeconds(1);
    }
}
