package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;

import java.time.Instant;
import java.util.Optional;

/**
 * One answer Kustomer gave.
 *
 * @param receivedAt     when it came, by the gateway's clock: the "now" of what it means
 * @param retryAfter     when {@code Retry-After} says to come back, if it said
 * @param rateLimitReset when {@code x-ratelimit-reset} says the budget refills, if it said
 */
record Answer(int status, String body, Instant receivedAt, Optional<Instant> retryAfter,
        Optional<Instant> rateLimitReset) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** What this answer means for the operation, when it is not the success the delivery needed. */
    DeliveryStopped stops() {
        return new DeliveryStopped(AnswerClassification.outcomeOf(this));
    }

    /**
     * {@code data.id}. A success without it breaks Kustomer's contract. Trying again could create the thing twice,
     * and the same request would get the same answer, so the operation fails for an operator to look at.
     */
    String createdId() throws DeliveryStopped {
        Optional<String> id = ResponseBodies.dataId(body);
        if (id.isEmpty()) {
            throw unreadable("data.id");
        }
        return id.get();
    }

    /** Stops the delivery over a success that lacks what the delivery needs from it. */
    DeliveryStopped unreadable(String missing) {
        return new DeliveryStopped(new DeliveryOutcome.Rejected(DeliveryFailure.http(status,
                "unexpected_response", "Kustomer answered " + status + " without " + missing
                        + "; the change may have been made, so it is not retried")));
    }
}
