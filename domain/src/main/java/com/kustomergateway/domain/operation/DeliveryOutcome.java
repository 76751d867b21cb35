package com.kustomergateway.domain.operation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one try at delivering an operation came to, as the relay needs to know it. */
public sealed interface DeliveryOutcome {

    /** Kustomer made the change; {@code remoteIds} are the ids of what it created or updated, in order. */
    record Delivered(List<String> remoteIds) implements DeliveryOutcome {
        public Delivered {
            remoteIds = List.copyOf(remoteIds);
        }
    }

    /** Kustomer refused the change itself (a 4xx other than 401, 403, 408, 429): trying again cannot help. */
    record Rejected(DeliveryFailure failure) implements DeliveryOutcome {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** A network error, a timeout, 408 or 5xx: the same request may well succeed later. */
    record Transient(DeliveryFailure failure, Optional<Instant> notBefore) implements DeliveryOutcome {
        public Transient {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /** Kustomer's rate limit was hit: no request of any operation should go out before {@code until}. */
    record RateLimited(DeliveryFailure failure, Instant until) implements DeliveryOutcome {
        public RateLimited {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(until, "until");
        }
    }

    /** The API key was refused (401/403) or is missing: the key is wrong, not the operation. */
    record CredentialsRejected(DeliveryFailure failure) implements DeliveryOutcome {
        public CredentialsRejected {
            Objects.requireNonNull(failure, "failure");
        }
    }

    default Optional<DeliveryFailure> failureIfAny() {
        if (this instanceof Rejected r) {
            return Optional.of(r.failure());
        }
        if (this instanceof Transient t) {
            return Optional.of(t.failure());
        }
        if (this instanceof RateLimited l) {
            return Optional.of(l.failure());
        }
        if (this instanceof CredentialsRejected c) {
            return Optional.of(c.failure());
        }
        return Optional.empty();
    }
}
