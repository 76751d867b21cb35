package com.kustomergateway.application.deliver;

import java.time.Instant;
import java.util.Optional;

/**
 * What the relay is doing, for health checks and operators.
 *
 * @param reason in words, why delivery is not running (empty while it runs)
 * @param until  when a pause ends, for pauses that end by themselves
 * @param seenBy the instance that saw what paused delivery (every instance sharing the database pauses)
 */
public record RelayStatus(State state, Optional<String> reason, Optional<Instant> until, Optional<String> seenBy) {

    public enum State {
        /** Delivering whatever is due. */
        RUNNING,
        /** Kustomer's rate limit is spent; delivery resumes at {@code until}. */
        PAUSED_RATE_LIMIT,
        /** Kustomer refused the API key; one instance tries again at {@code until}. */
        PAUSED_CREDENTIALS,
        /** Kustomer cannot be called at all (for example: no API key is configured). */
        UNAVAILABLE,
        /** Switched off by configuration, or shut down. */
        STOPPED
    }

    static RelayStatus running() {
        return new RelayStatus(State.RUNNING, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static RelayStatus because(State state, String reason) {
        return new RelayStatus(state, Optional.of(reason), Optional.empty(), Optional.empty());
    }

    public boolean isPaused() {
        return state == State.PAUSED_RATE_LIMIT || state == State.PAUSED_CREDENTIALS;
    }

    public boolean isDelivering() {
        return state == State.RUNNING || state == State.PAUSED_RATE_LIMIT;
    }
}
