package com.kustomergateway.adapters.graphql;

import com.kustomergateway.application.audit.DeliveryReport;
import com.kustomergateway.application.deliver.RelayStatus;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.StatusCount;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.Instant;
import java.util.List;

@Type("DeliveryStatus")
@Description("How delivery to Kustomer stands for the whole deployment: every instance sharing the database pauses "
        + "together, spends one request budget and one outbox.")
public record DeliveryStatusView(
        @NonNull @Description("RUNNING, PAUSED_RATE_LIMIT, PAUSED_CREDENTIALS, UNAVAILABLE or STOPPED.")
        RelayStatus.State state,
        @Description("Why delivery is not running, in words; null while it runs.") String reason,
        @Description("When a pause ends: the rate limit's reset, or the next check of a refused key.") Instant pausedUntil,
        @NonNull List<@NonNull Count> counts,
        @Description("When the oldest operation still owed to Kustomer was accepted; null when none is.")
        Instant oldestWaitingAcceptedAt,
        @Description("How long it has waited, in seconds (at most 2,147,483,647: 68 years); null when none waits.")
        Integer oldestWaitingAgeSeconds,
        @Description("The instance that saw what paused delivery (a 429, a refused key); every instance pauses. Null "
                + "while none is paused.") String pausedBy,
        @NonNull @Description("Instances delivering: those whose heartbeat came in the last 15 seconds.")
        Integer instancesDelivering,
        @NonNull List<@NonNull Instance> instances,
        @NonNull Budget budget) {

    @Type("RelayInstance")
    @Description("A gateway instance delivering to Kustomer; its id is its host name (a pod's name) and a suffix.")
    public record Instance(@NonNull String id, @NonNull Instant startedAt,
            @NonNull @Description("When it last said it is delivering (every 5 seconds).") Instant heartbeatAt) {
    }

    @Type("RequestBudget")
    @Description("Requests to Kustomer in the current window, every instance's together.")
    public record Budget(
            @NonNull @Description("The window's length (Kustomer's minute unless configured shorter).")
            Integer windowSeconds,
            @NonNull Instant windowStartedAt,
            @NonNull @Description("Requests sent in this window by all instances.") Integer spent,
            @NonNull @Description("Requests that may still go in this window: what the gateway's ceiling leaves, or "
                    + "less when Kustomer's x-ratelimit-remaining said so; 0 while paused for the rate limit.")
            Integer left,
            @NonNull @Description("The gateway's own ceiling per window (gateway.kustomer.requests-per-minute).")
            Integer ceiling) {
    }

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
                report.oldestPendingAge().map(age -> OperationView.int32(age.toSeconds())).orElse(null),
                report.relay().seenBy().orElse(null), report.deployment().instances().size(),
                report.deployment().instances().stream()
                        .map(i -> new Instance(i.id(), i.startedAt(), i.heartbeatAt())).toList(),
                new Budget(OperationView.int32(report.deployment().window().toSeconds()),
                        report.deployment().windowStartedAt(), OperationView.int32(report.deployment().spent()),
                        OperationView.int32(report.deployment().left()), report.deployment().ceiling()));
    }
}
