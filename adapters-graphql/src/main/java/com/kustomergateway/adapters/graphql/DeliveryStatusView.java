package com.kustomergateway.adapters.graphql;

import com.kustomergateway.application.audit.DeliveryReport;
import com.kustomergateway.application.delivery.RelayStatus;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.StatusCount;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.Instant;
import java.util.List;

@Type("DeliveryStatus")
@Description("How delivery to Kustomer stands on this instance, and the outbox it shares with other instances.")
public record DeliveryStatusView(
        @NonNull @Description("RUNNING, PAUSED_RATE_LIMIT, PAUSED_CREDENTIALS, UNAVAILABLE or STOPPED.")
        RelayStatus.State state,
        @Description("Why delivery is not running, in words; null while it runs.") String reason,
        @Description("When a pause ends: the rate limit's reset, or the next check of a refused key.") Instant pausedUntil,
        @NonNull List<@NonNull Count> counts,
        @Description("When the oldest operation still owed to Kustomer was accepted; null when none is.")
        Instant oldestWaitingAcceptedAt,
        @Description("How long it has waited, in seconds (at most 2,147,483,647: 68 years); null when none waits.")
        Integer oldestWaitingAgeSeconds) {

    @Type("StatusCount")
    @Description("Operations with a status. Counting stops at gateway.audit.count-cap (10,000): exact is false when "
            + "there are at least count.")
    public record Count(@NonNull OperationStatus status,
            @Description("At most gateway.audit.count-cap, and never more than 2,147,483,647.") int count,
            boolean exact) {

        static Count of(StatusCount count) {
            return new Count(count.status(), OperationView.int32(count.count()),
                    count.exact() && count.count() <= Integer.MAX_VALUE);
        }
    }

    static DeliveryStatusView of(DeliveryReport report) {
        return new DeliveryStatusView(report.relay().state(), report.relay().reason().orElse(null),
                report.relay().until().orElse(null), report.counts().stream().map(Count::of).toList(),
                report.oldestPendingAcceptedAt().orElse(null),
                report.oldestPendingAge().map(age -> OperationView.int32(age.toSeconds())).orElse(null));
    }
}
