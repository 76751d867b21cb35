package com.kustomergateway.domain.operation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What happened to operations in one minute: how many were accepted, and how many settled as delivered or failed
 * (by the time they settled; an operation queued again since is counted where it now stands, not here).
 */
public record ActivityMinute(Instant minute, long accepted, long delivered, long failed) {

    public ActivityMinute {
        Objects.requireNonNull(minute, "minute");
        if (!minute.truncatedTo(ChronoUnit.MINUTES).equals(minute)) {
            throw new IllegalArgumentException(minute + " is not the start of a minute");
        }
        if (accepted < 0 || delivered < 0 || failed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public static ActivityMinute quiet(Instant minute) {
        return new ActivityMinute(minute, 0, 0, 0);
    }
}
