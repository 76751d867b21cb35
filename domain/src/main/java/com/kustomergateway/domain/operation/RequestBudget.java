package com.kustomergateway.domain.operation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Kustomer said of the org's request budget, which all of the org's apps and every gateway instance share: the
 * requests left ({@code x-ratelimit-remaining}) and when the budget fills again ({@code x-ratelimit-reset}), as the
 * last answer of a delivery that named what is left gave them. A 429 is not here: it is the delivery's
 * {@link DeliveryOutcome.RateLimited} outcome.
 */
public record RequestBudget(OptionalInt remaining, Optional<Instant> reset) {

    public RequestBudget {
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(reset, "reset");
    }

    /** Nothing was said of the budget: no answer came, or none named what is left. */
    public static RequestBudget unannounced() {
        return new RequestBudget(OptionalInt.empty(), Optional.empty());
    }
}
