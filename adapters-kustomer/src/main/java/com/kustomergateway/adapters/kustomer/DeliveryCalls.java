package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.RequestBudget;
import com.kustomergateway.domain.port.RequestPacing;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;

/**
 * The requests of one delivery: each waits for its turn ({@link RequestPacing}), is written down as an exchange,
 * and what its answer says of the budget is kept for the delivery's answer, not acted on here. Network failures and
 * interruptions stop the delivery as transient.
 */
final class DeliveryCalls {

    /** One Kustomer call, given the client and the {@code Authorization} header value. */
    @FunctionalInterface
    interface Call {
        Response on(KustomerApi api, String authorization);
    }

    static final int MAX_RECORDED_RESPONSE = 4 * 1024;

    private final KustomerApi api;
    private final String apiKey;
    private final RequestPacing pacing;
    private final Clock clock;
    private final List<KustomerExchange> exchanges = new ArrayList<>();
    private RequestBudget budget = RequestBudget.unannounced();

    DeliveryCalls(KustomerApi api, String apiKey, RequestPacing pacing, Clock clock) {
        this.api = api;
        this.apiKey = apiKey;
        this.pacing = pacing;
        this.clock = clock;
    }

    List<KustomerExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** What the last answer that named the requests left said of the budget. */
    RequestBudget budget() {
        return budget;
    }

    Instant now() {
        return clock.instant();
    }

    /** Sends a request whose every answer the caller handles itself. */
    Answer send(KustomerRoute.Request request, Optional<String> body, Call call) throws DeliveryStopped {
        Instant queuedAt = clock.instant();
        try {
            pacing.acquire();
            WaitSpans.waited("rate limit wait", queuedAt, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
        Instant startedAt = clock.instant();
        Answer answer;
        try (Response response = call.on(api, "Bearer " + apiKey)) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            Instant now = clock.instant();
            answer = new Answer(response.getStatus(), text == null ? "" : redacted(text), now,
                    RateLimitHeaders.retryAfter(response.getHeaderString("Retry-After"), now),
                    RateLimitHeaders.reset(response.getHeaderString("x-ratelimit-reset"), now));
            OptionalInt remaining = RateLimitHeaders.remaining(response.getHeaderString("x-ratelimit-remaining"));
            if (remaining.isPresent()) {
                budget = new RequestBudget(remaining, answer.rateLimitReset());
            }
        } catch (ProcessingException e) {
            exchanges.add(new KustomerExchange(startedAt, since(startedAt), request.method(), request.path(), body,
                    Optional.empty(), Optional.empty()));
            throw new DeliveryStopped(new DeliveryOutcome.Transient(networkFailure(e), Optional.empty()));
        }
        exchanges.add(new KustomerExchange(startedAt, since(startedAt), request.method(), request.path(), body,
                Optional.of(answer.status()), Optional.of(truncated(answer.body()))));
        return answer;
    }

    /** Sends a request that must succeed; any other answer stops the delivery with what that answer means. */
    Answer expectSuccess(KustomerRoute.Request request, Optional<String> body, Call call) throws DeliveryStopped {
        Answer answer = send(request, body, call);
        if (!answer.isSuccess()) {
            throw answer.stops();
        }
        return answer;
    }

    /** Waits between polls; an interruption stops the delivery as transient, with the interrupt kept. */
    void pause(Duration duration) throws DeliveryStopped {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    private static DeliveryStopped interrupted() {
        return new DeliveryStopped(new DeliveryOutcome.Transient(
                DeliveryFailure.network("interrupted", "the delivery was interrupted before Kustomer answered"),
                Optional.empty()));
    }

    private DeliveryFailure networkFailure(ProcessingException e) {
        Throwable cause = e;
        boolean timeout = false;
        String reason = String.valueOf(e.getMessage());
        while (cause != null) {
            timeout |= cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout");
            reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return DeliveryFailure.network(timeout ? "timeout" : "network_error", redacted(
                (timeout ? "Kustomer did not answer in time (" : "could not reach Kustomer (") + reason + ")"));
    }

    /**
     * Kustomer is not known to echo the key, but answers end up in exchanges and failure messages that operators
     * read, so make sure.
     */
    private String redacted(String text) {
        return apiKey.isEmpty() ? text : text.replace(apiKey, "[api key]");
    }

    private static String truncated(String text) {
        return text.length() <= MAX_RECORDED_RESPONSE ? text : text.substring(0, MAX_RECORDED_RESPONSE);
    }

    private Duration since(Instant startedAt) {
        return Duration.between(startedAt, clock.instant());
    }
}
