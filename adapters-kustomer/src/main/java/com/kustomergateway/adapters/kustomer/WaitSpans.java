package com.kustomergateway.adapters.kustomer;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

import java.time.Duration;
import java.time.Instant;

/**
 * Spans for the time a delivery spends waiting rather than talking to Kustomer (the rate gate, a bulk job being
 * worked on), children of the attempt's span, so a slow attempt shows where its time went. Only within a traced
 * attempt: with tracing off there is no current span, and nothing is made.
 */
final class WaitSpans {

    static final AttributeKey<String> BULK_JOB = AttributeKey.stringKey("gateway.bulk.job_id");
    static final AttributeKey<Long> BULK_POLLS = AttributeKey.longKey("gateway.bulk.polls");
    /** Waits shorter than this are the gate letting a request through, not a pause worth a span. */
    private static final Duration WORTH_A_SPAN = Duration.ofMillis(1);

    private WaitSpans() {
    }

    /** A span starting now, or the no-op span outside a traced attempt. */
    static Span start(String name) {
        if (!Span.current().getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return GlobalOpenTelemetry.getTracer(WaitSpans.class.getPackageName()).spanBuilder(name).startSpan();
    }

    /** A span for a wait from {@code startedAt} to {@code endedAt}, if it was one. */
    static void waited(String name, Instant startedAt, Instant endedAt) {
        if (!Duration.between(startedAt, endedAt).minus(WORTH_A_SPAN).isNegative()
                && Span.current().getSpanContext().isValid()) {
            GlobalOpenTelemetry.getTracer(WaitSpans.class.getPackageName()).spanBuilder(name)
                    .setStartTimestamp(startedAt).startSpan().end(endedAt);
        }
    }
}
