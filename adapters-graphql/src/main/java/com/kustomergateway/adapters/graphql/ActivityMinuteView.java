package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.ActivityMinute;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.Instant;

@Type("ActivityMinute")
@Description("One minute of the outbox's activity: operations accepted, and operations that settled as DELIVERED or "
        + "FAILED in it (by when they settled; one queued again since counts where it now stands).")
public record ActivityMinuteView(
        @NonNull @Description("The minute's start.") Instant minute,
        int accepted,
        int delivered,
        int failed) {

    static ActivityMinuteView of(ActivityMinute minute) {
        return new ActivityMinuteView(minute.minute(), Math.toIntExact(minute.accepted()),
                Math.toIntExact(minute.delivered()), Math.toIntExact(minute.failed()));
    }
}
