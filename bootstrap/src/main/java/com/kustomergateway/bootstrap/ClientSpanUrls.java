package com.kustomergateway.bootstrap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.arc.Unremovable;

import jakarta.inject.Singleton;

import java.net.URI;

/**
 * A Kustomer call's client span is named by its method and route template once Kustomer answers
 * ({@code PATCH /v1/customers/{id}}), but its {@code url.full} would hold the path as sent: customer and conversation
 * ids, Klass names, query values. Those belong in the audit (which has them, behind a role), not in every tracing
 * system the spans are exported to, so {@code url.full} keeps only the origin. Quarkus adds every
 * {@code SpanProcessor} bean to the tracer; this one only rewrites that attribute as a client span starts.
 */
@Singleton
@Unremovable
public class ClientSpanUrls implements SpanProcessor {

    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String full = span.getAttribute(URL_FULL);
        if (span.getKind() == SpanKind.CLIENT && full != null) {
            URI uri = URI.create(full);
            span.setAttribute(URL_FULL, uri.getScheme() + "://" + uri.getRawAuthority());
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
