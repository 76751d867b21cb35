package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.ChangeKind;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationStatus;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Type("Operation")
@Description("A change the gateway accepted, where its delivery stands, and every attempt made at it.")
public record OperationView(
        @NonNull @Id String id,
        @NonNull ChangeKind kind,
        @NonNull @Description("The Kustomer resource written to, e.g. customer:cust_abc123.") String resource,
        @NonNull OperationStatus status,
        String idempotencyKey,
        @NonNull Instant acceptedAt,
        @Description("Failed attempts counted against the retry limit.") int failedAttempts,
        @Description("When the next attempt is due, while the operation is pending.") Instant nextAttemptAt,
        @NonNull @Description("Kustomer's ids of what the operation created or updated.") List<@NonNull String> remoteIds,
        DeliveryError lastFailure,
        @Ignore Change submitted) {

    /**
     * GraphQL's {@code Int} is 32 bits, what JavaScript clients read as a number. Durations in milliseconds fit it up
     * to 24.8 days, far beyond any attempt (Kustomer's read timeout is seconds, a bulk job's at most minutes).
     */
    static final String DURATION = "Milliseconds, at most 2,147,483,647 (24.8 days).";

    /** A count or duration as GraphQL's {@code Int}: beyond 32 bits it says the largest {@code Int} instead. */
    static int int32(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /**
     * Its attempts are a field of their own, read for a whole page at once, and only when asked for; so is its change
     * as JSON (a thousand objects make a long text), written from {@code submitted} only when asked for.
     */
    static OperationView of(Operation operation) {
        return new OperationView(operation.id().toString(), operation.change().kind(),
                operation.change().resource().toString(), operation.status(),
                operation.idempotencyKey().map(k -> k.value()).orElse(null), operation.acceptedAt(),
                operation.failedAttempts(), operation.nextAttemptAt().orElse(null), operation.remoteIds(),
                operation.lastFailure().map(DeliveryError::of).orElse(null), operation.change());
    }

    static List<Attempt> attempts(List<DeliveryAttempt> attempts) {
        List<Attempt> views = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            views.add(Attempt.of(i + 1, attempts.get(i)));
        }
        return views;
    }

    @Type("DeliveryAttempt")
    @Description("One try at delivering an operation, with every request it sent Kustomer.")
    public record Attempt(
            @Description("1 for the first attempt, counting up.") int number,
            @NonNull Instant startedAt,
            @Description(DURATION) int durationMillis,
            @NonNull @Description("DELIVERED, REJECTED, TRANSIENT, RATE_LIMITED or CREDENTIALS_REJECTED.") String outcome,
            DeliveryError error,
            @NonNull List<@NonNull Exchange> requests,
            @Description("The trace (W3C trace id, 32 hex digits) this attempt's span belongs to: the trace the "
                    + "change was accepted under when the caller's request was traced. Null when tracing was off.")
            String traceId) {

        static Attempt of(int number, DeliveryAttempt attempt) {
            DeliveryOutcome outcome = attempt.outcome();
            String name;
            if (outcome instanceof DeliveryOutcome.Delivered) {
                name = "DELIVERED";
            } else if (outcome instanceof DeliveryOutcome.Rejected) {
                name = "REJECTED";
            } else if (outcome instanceof DeliveryOutcome.Transient) {
                name = "TRANSIENT";
            } else if (outcome instanceof DeliveryOutcome.RateLimited) {
                name = "RATE_LIMITED";
            } else {
                name = "CREDENTIALS_REJECTED";
            }
            return new Attempt(number, attempt.startedAt(), int32(attempt.duration().toMillis()), name,
                    outcome.failureIfAny().map(DeliveryError::of).orElse(null),
                    attempt.exchanges().stream().map(Exchange::of).toList(), attempt.traceId().orElse(null));
        }
    }

    @Type("KustomerRequest")
    @Description("One HTTP request sent to Kustomer, its path and body exactly as sent, and Kustomer's answer.")
    public record Exchange(
            @NonNull Instant startedAt,
            @Description(DURATION) int durationMillis,
            @NonNull String method,
            @NonNull String path,
            String requestBody,
            @Description("Null when no answer came.") Integer status,
            String responseBody) {

        static Exchange of(KustomerExchange exchange) {
            return new Exchange(exchange.startedAt(), int32(exchange.duration().toMillis()), exchange.method(),
                    exchange.path(), exchange.requestBody().orElse(null), exchange.status().orElse(null),
                    exchange.responseBody().orElse(null));
        }
    }
}
