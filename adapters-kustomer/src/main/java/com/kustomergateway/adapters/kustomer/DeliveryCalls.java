package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The requests of one delivery: each waits for the rate gate, tells the gate what Kustomer said of the budget,
 * and is written down as an exchange. Network failures and interruptions stop the delivery as transient.
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
    private final RateGate rateGate;
    private final List<KustomerExchange> exchanges = new ArrayList<>();

    DeliveryCalls(KustomerApi api, String apiKey, RateGate rateGate) {
        this.api = api;
        this.apiKey = apiKey;
        this.rateGate = rateGate;
    }

    List<KustomerExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Sends a request whose every answer the caller handles itself. */
    Answer send(String method, String path, Optional<String> body, Call call) throws DeliveryStopped {
        Instant queuedAt = Instant.now();
        long queued = System.nanoTime();
        try {
            rateGate.acquire();
            WaitSpans.waited("rate limit wait", queuedAt, System.nanoTime() - queued);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Answer answer;
        try (Response response = call.on(api, "Bearer " + apiKey)) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            Instant now = Instant.now();
            answer = new Answer(response.getStatus(), text == null ? "" : redacted(text),
                    RateLimitHeaders.retryAfter(response.getHeaderString("Retry-After"), now),
                    RateLimitHeaders.reset(response.getHeaderString("x-ratelimit-reset"), now));
            rateGate.observe(RateLimitHeaders.remaining(response.getHeaderString("x-ratelimit-remaining")),
                    answer.rateLimitReset());
        } catch (ProcessingException e) {
            exchanges.add(new KustomerExchange(startedAt, since(start), method, path, body, Optional.empty(),
                    Optional.empty()));
            throw new DeliveryStopped(new DeliveryOutcome.Transient(networkFailure(e), Optional.empty()));
        }
        exchanges.add(new KustomerExchange(startedAt, since(start), method, path, body,
                Optional.of(answer.status()), Optional.of(truncated(answer.body()))));
        if (answer.status() == 429) {
            rateGate.pauseUntil(AnswerClassification.rateLimitedUntil(answer, Instant.now()), "Kustomer answered 429");
        }
        return answer;
    }

    /** Sends a request that must succeed; any other answer stops the delivery with what that answer means. */
    Answer expectSuccess(String method, String path, Optional<String> body, Call call) throws DeliveryStopped {
        Answer answer = send(method, path, body, call);
        if (!answer.isSuccess()) {
            throw new DeliveryStopped(AnswerClassification.outcomeOf(answer, Instant.now()));
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

    /** The request's path as recorded: under {@code /v1}, each segment encoded as the client encodes it. */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder("/v1");
        for (String segment : segments) {
            path.append('/').append(segment(segment));
        }
        return path.toString();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
