package com.kustomergateway.adapters.kustomer.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A stand-in for Kustomer's REST API on a local port, for tests of anything that talks to Kustomer.
 *
 * <p>By default it behaves as Kustomer does for the calls the gateway makes: a request without
 * {@code Authorization: Bearer }{@link #API_KEY} gets 401; a body breaking Kustomer's rules (unknown fields,
 * wrong types, missing {@code body}/{@code name}/{@code title}, lengths, attribute names without a type suffix,
 * more than 100 bulk items) gets 400 {@code {"errors":[{"code":"bad_request","message":…}]}}; a valid request
 * gets the documented status and a {@code {"data":{"id":…}}} envelope with a fresh 24-hex id (a customer update
 * answers with the customer's own id). Bulk jobs are complete by the first poll, and their batches list one
 * created object per item with its {@code externalId}; {@code GET /v1/klasses/{name}/externalId={id}} finds
 * objects created before. {@code PUT /v1/metadata/{resource}} declares attributes (kept, merged with earlier
 * declarations, and answered by {@code GET /v1/metadata/{resource}}: before any, 200 with no properties for the
 * customer and Kustomer's other standard Klasses, 404 for a custom Klass); objects and customers are not refused for
 * using undeclared attributes, since whether Kustomer does is not documented. Every answer carries generous
 * {@code x-ratelimit-*} headers.
 *
 * <p>To make Kustomer misbehave, add stubs to {@link #server()}: they take precedence over the default behaviour
 * (which sits at priority 10), and {@link #reset()} removes them. Use {@code server().verify(...)} to pin what
 * was sent.
 *
 * <p>In a {@code @QuarkusTest}, use {@link KustomerStandInResource}. test-support brings WireMock and Jackson along.
 */
public final class KustomerStandIn {

    /** The key the stand-in accepts: shaped like a Kustomer key (a JWT), and worthless anywhere else. */
    public static final String API_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJvcmciOiJzdGFuZC1pbiIsInN1YiI6Imt1c3RvbWVyLWdhdGV3YXktdGVzdHMiLCJyb2xlcyI6W119"
            + ".c3RhbmQtaW4tc2lnbmF0dXJlLW5vdC1hLXJlYWwta2V5";

    private static final int DEFAULT_BEHAVIOUR_PRIORITY = 10;

    private final KustomerBehaviour behaviour = new KustomerBehaviour(API_KEY);
    private final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(behaviour));

    public void start() {
        server.start();
        stubDefaultBehaviour();
    }

    public void stop() {
        server.stop();
    }

    /** {@code http://localhost:<port>}: what {@code kustomer.base-url} should be. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets recorded requests, custom stubs and everything created, and behaves as Kustomer again, at once. */
    public void reset() {
        server.resetAll();
        server.setGlobalFixedDelay(0);
        behaviour.forget();
        stubDefaultBehaviour();
    }

    /** Answers every request {@code delay} after it arrives, as a distant or busy Kustomer would; until {@link #reset()}. */
    public void respondAfter(Duration delay) {
        server.setGlobalFixedDelay(Math.toIntExact(delay.toMillis()));
    }

    /**
     * Enforces an org-wide budget of {@code limit} requests per fixed {@code window}: the {@code x-ratelimit-*}
     * headers say what is left and when it resets, and every request past the budget gets 429. Until
     * {@link #reset()}.
     */
    public void enforceBudget(int limit, Duration window) {
        behaviour.enforceBudget(limit, window);
    }

    /** How many requests were answered 429 because the budget was spent. */
    public int rateLimitedAnswers() {
        return behaviour.rateLimitedAnswers();
    }

    /**
     * How often each thing was created: notes as {@code note:<externalId>}, custom objects as
     * {@code <klass>:<externalId>}. A count above one is a duplicate in Kustomer.
     */
    public Map<String, Integer> creations() {
        return behaviour.creations();
    }

    /** The custom attributes the customer holds now, every update merged in the order received. */
    public Optional<JsonNode> customer(String id) {
        return behaviour.customer(id);
    }

    /**
     * Gives a resource ({@code customer}, {@code kobject.<klass>}) an attribute as the org's admin would in
     * Kustomer's settings, with a display name of the org's choosing.
     */
    public void defineAttribute(String resource, String name, String displayName) {
        behaviour.define(resource, name, displayName);
    }

    /** A resource's attribute metadata as it stands: {@code {name: {displayName, …}}}, if it has any. */
    public Optional<JsonNode> metadata(String resource) {
        return behaviour.metadata(resource);
    }

    /** The underlying WireMock server, for custom stubs and request verification. */
    public WireMockServer server() {
        return server;
    }

    private void stubDefaultBehaviour() {
        server.stubFor(any(anyUrl()).atPriority(DEFAULT_BEHAVIOUR_PRIORITY)
                .willReturn(aResponse().withTransformers(KustomerBehaviour.NAME)));
    }
}
