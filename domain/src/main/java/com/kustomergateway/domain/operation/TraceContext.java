package com.kustomergateway.domain.operation;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C trace context (<a href="https://www.w3.org/TR/trace-context/">traceparent and tracestate</a>) a change
 * was accepted under, kept with its operation so that every delivery attempt, on any instance and however late,
 * continues the caller's trace. Baggage is not part of it: it is the caller's free-form data, and the outbox keeps
 * only what delivery needs.
 *
 * @param traceparent {@code version-traceid-parentid-flags}, lower-case hex, as the header carries it
 * @param tracestate  vendors' entries, as the header carries it, if there were any
 */
public record TraceContext(String traceparent, Optional<String> tracestate) {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** The W3C limit a vendor may rely on; a longer one is dropped by propagators anyway. */
    private static final int MAX_TRACESTATE = 512;
    private static final Pattern TRACESTATE = Pattern.compile("[\\x20-\\x7e]*");

    public TraceContext {
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(tracestate, "tracestate");
        if (!TRACEPARENT.matcher(traceparent).matches()) {
            throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
        }
        tracestate = tracestate.filter(state -> !state.isEmpty());
        if (tracestate.isPresent() && (tracestate.get().length() > MAX_TRACESTATE
                || !TRACESTATE.matcher(tracestate.get()).matches())) {
            throw new IllegalArgumentException("not a W3C tracestate of at most " + MAX_TRACESTATE + " characters");
        }
    }

    /** The trace's id, 32 hex digits: what tracing systems search by. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }
}
