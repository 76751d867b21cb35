package com.kustomergateway.application.deliver;

import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.TraceContext;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the outbox would break the caller's trace, this joins it again. The accept runs in a span of the caller's
 * request and stores that span's W3C context with the operation; each delivery attempt, whichever instance makes it
 * and however late, runs in a span whose parent is that stored context, so the accept, every attempt and every
 * Kustomer call share the caller's trace id.
 *
 * <p>Parent, not only a link: one operation is one unit of work the caller asked for, and OpenTelemetry's messaging
 * conventions make the creation context the parent of a single message's processing. The claim, which takes many
 * operations at once, is the batch case: its span links to each of them. An operation accepted untraced gets a
 * trace of its own at each attempt.
 *
 * <p>Uses MicroProfile Telemetry's API (OpenTelemetry's), never the SDK. With tracing off
 * ({@code quarkus.otel.sdk.disabled}) nothing is built, made current or stored.
 */
@ApplicationScoped
public class OperationTraces {

    /** The attribute names every gateway span about an operation carries; nothing personal goes in them. */
    public static final AttributeKey<String> OPERATION_ID = AttributeKey.stringKey("gateway.operation.id");
    public static final AttributeKey<String> OPERATION_KIND = AttributeKey.stringKey("gateway.operation.kind");
    static final AttributeKey<Long> CLAIMS = AttributeKey.longKey("gateway.operation.claims");
    static final AttributeKey<Long> FAILED_ATTEMPTS = AttributeKey.longKey("gateway.operation.failed_attempts");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gateway.attempt.outcome");
    static final AttributeKey<Long> CLAIMED = AttributeKey.longKey("gateway.claim.operations");
    static final AttributeKey<String> PAUSE_REASON = AttributeKey.stringKey("gateway.pause.reason");
    static final AttributeKey<String> PAUSE_UNTIL = AttributeKey.stringKey("gateway.pause.until");

    /** For relays and use cases built without tracing (unit tests). */
    public static final OperationTraces OFF = new OperationTraces(null);

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    /** Null when tracing is off: then nothing is built, made current or put in the MDC. */
    private final Tracer tracer;

    @Inject
    OperationTraces(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        // A disabled SDK still hands out recording spans: "off" must not even ask for one.
        this(disabled ? null : tracer);
    }

    private OperationTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Runs {@code accept} in the span "accept KIND" (a child of the caller's request, if it was traced), giving it
     * that span's context to store with the operation.
     */
    public Operation accepting(OperationId id, Change change,
            Function<Optional<TraceContext>, Operation> accept) {
        if (tracer == null) {
            return accept.apply(Optional.empty());
        }
        Span span = tracer.spanBuilder("accept " + change.kind()).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(OPERATION_ID, id.toString()).setAttribute(OPERATION_KIND, change.kind().name())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return accept.apply(stored(Context.current()));
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The span "claim" over a batch the relay took between {@code startedAt} and now, linked to each operation's
     * stored context; empty batches (most polls) make no span.
     */
    SpanContext claimed(List<Operation> operations, Instant startedAt) {
        if (tracer == null || operations.isEmpty()) {
            return SpanContext.getInvalid();
        }
        SpanBuilder builder = tracer.spanBuilder("claim").setNoParent().setStartTimestamp(startedAt)
                .setAttribute(CLAIMED, (long) operations.size());
        for (Operation operation : operations) {
            SpanContext context = Span.fromContext(parentOf(operation)).getSpanContext();
            if (context.isValid()) {
                builder.addLink(context, Attributes.of(OPERATION_ID, operation.id().toString()));
            }
        }
        Span span = builder.startSpan();
        span.end();
        return span.getSpanContext();
    }

    /**
     * Starts the span "deliver KIND" of one attempt, a child of the context the operation was accepted under and
     * linked to the claim that took it, and makes it current: Kustomer calls made on this thread become its
     * children, and log lines carry its trace and span ids.
     */
    Attempt attempt(Operation operation, SpanContext claim) {
        if (tracer == null) {
            return new Attempt(Span.getInvalid(), Scope.noop());
        }
        SpanBuilder builder = tracer.spanBuilder("deliver " + operation.change().kind())
                .setParent(parentOf(operation)).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(OPERATION_ID, operation.id().toString())
                .setAttribute(OPERATION_KIND, operation.change().kind().name())
                .setAttribute(CLAIMS, (long) operation.claims())
                .setAttribute(FAILED_ATTEMPTS, (long) operation.failedAttempts());
        if (claim.isValid()) {
            builder.addLink(claim);
        }
        Span span = builder.startSpan();
        return new Attempt(span, span.makeCurrent());
    }

    /**
     * The span "pause" of the whole relay that {@code reason} starts now and that lasts until {@code until}, as
     * planned when it starts; a child of the current attempt, so the gap before the next attempt explains itself.
     */
    void paused(String reason, Instant now, Instant until) {
        if (tracer == null) {
            return;
        }
        tracer.spanBuilder("pause " + reason).setStartTimestamp(now).setAttribute(PAUSE_REASON, reason)
                .setAttribute(PAUSE_UNTIL, until.toString()).startSpan().end(until.isAfter(now) ? until : now);
    }

    private static Context parentOf(Operation operation) {
        return operation.traceContext().map(context -> {
            Map<String, String> headers = new HashMap<>();
            headers.put("traceparent", context.traceparent());
            context.tracestate().ifPresent(state -> headers.put("tracestate", state));
            return W3C.extract(Context.root(), headers, HEADERS);
        }).orElse(Context.root());
    }

    private static Optional<TraceContext> stored(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> headers = new HashMap<>();
        W3C.inject(context, headers, Map::put);
        return Optional.ofNullable(headers.get("traceparent"))
                .map(parent -> new TraceContext(parent, Optional.ofNullable(headers.get("tracestate"))));
    }

    /** One attempt's span, current on its thread until closed. */
    static final class Attempt implements AutoCloseable {

        private final Span span;
        private final Scope scope;

        private Attempt(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** The trace the attempt belongs to, as the audit shows it; empty when tracing is off. */
        Optional<String> traceId() {
            SpanContext context = span.getSpanContext();
            return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
        }

        void outcome(DeliveryOutcome outcome) {
            String name = outcome.getClass().getSimpleName();
            span.setAttribute(OUTCOME, name);
            if (!(outcome instanceof DeliveryOutcome.Delivered)) {
                span.setStatus(StatusCode.ERROR, name);
            }
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
