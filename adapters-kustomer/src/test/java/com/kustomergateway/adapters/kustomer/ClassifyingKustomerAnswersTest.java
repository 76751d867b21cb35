package com.kustomergateway.adapters.kustomer;

import com.github.tomakehurst.wiremock.http.Fault;
import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.port.DeliveryCoordination;
import com.kustomergateway.testing.InMemoryDeliveryCoordination;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.RequestBudget;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.domain.port.KustomerPort.Delivery;
import com.kustomergateway.testing.Changes;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static com.kustomergateway.testing.OperationBuilder.anOperation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(AdapterTestProfile.class)
@QuarkusTestResource(KustomerStandInResource.class)
class ClassifyingKustomerAnswersTest {

    private static final String NOTES = "/v1/conversations/conv_12345abc/notes";

    @Inject
    KustomerPort kustomer;

    @Inject
    RateGate rateGate;

    @Inject
    AttributeDeclarations attributeDeclarations;

    @Inject
    @RestClient
    KustomerApi api;

    @InjectKustomerStandIn
    KustomerStandIn standIn;

    @BeforeEach
    void behaveAsKustomer() {
        standIn.reset();
    }

    @Test
    void retriesAfterKustomerAnswers503() {
        answerNotesWith(503, "upstream unavailable");

        Delivery delivery = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOfSatisfying(DeliveryOutcome.Transient.class, transientFailure ->
                assertThat(transientFailure.failure()).isEqualTo(
                        DeliveryFailure.http(503, "http_503", "upstream unavailable")));
        assertThat(delivery.exchanges()).singleElement().extracting(KustomerExchange::status).isEqualTo(Optional.of(503));
    }

    @Test
    void retriesAfterKustomerAnswers500WithItsErrorBody() {
        answerNotesWith(500, "{\"errors\":[{\"code\":\"internal_error\",\"message\":\"Something went wrong\"}]}");

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Transient(
                DeliveryFailure.http(500, "internal_error", "Something went wrong"), Optional.empty()));
    }

    @Test
    void retriesAfterKustomerAnswers408() {
        answerNotesWith(408, "");

        assertThat(kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome()).isInstanceOf(DeliveryOutcome.Transient.class);
    }

    @Test
    void rejectsWithKustomersCodeAndMessageWhenItAnswers400InItsPlainShape() {
        answerNotesWith(400, "{\"errors\":[{\"code\":\"bad_request\",\"message\":\"\\\"body\\\" is required\",\"meta\":{}}]}");

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Rejected(
                DeliveryFailure.http(400, "bad_request", "\"body\" is required")));
    }

    @Test
    void rejectsWithKustomersCodeAndDetailWhenItAnswers400InJsonApiShape() {
        answerNotesWith(400, "{\"errors\":[{\"status\":\"400\",\"code\":\"invalid_attribute\",\"title\":\"Invalid\","
                + "\"detail\":\"must be a number\",\"source\":{\"pointer\":\"/custom/scoreNum\"}}]}");

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Rejected(
                DeliveryFailure.http(400, "invalid_attribute", "must be a number (at /custom/scoreNum)")));
    }

    @Test
    void rejectsWhenKustomerAnswers409() {
        answerNotesWith(409, "{\"errors\":[{\"status\":409,\"code\":\"conflict\",\"title\":\"Klass already exists\"}]}");

        assertThat(kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome()).isEqualTo(new DeliveryOutcome.Rejected(
                DeliveryFailure.http(409, "conflict", "Klass already exists")));
    }

    @Test
    void refusesCredentialsWhenKustomerAnswers401() {
        KustomerDeliveryAdapter wrongKey = adapter(api, "not-the-key", Duration.ofSeconds(5));

        Delivery delivery = wrongKey.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOfSatisfying(DeliveryOutcome.CredentialsRejected.class, refused ->
                assertThat(refused.failure()).isEqualTo(
                        DeliveryFailure.http(401, "unauthorized", "Missing or invalid API key")));
        assertThat(delivery.exchanges().toString()).doesNotContain("not-the-key");
    }

    @Test
    void refusesCredentialsWhenKustomerAnswers403() {
        answerNotesWith(403, "{\"errors\":[{\"status\":403,\"code\":\"forbidden\",\"title\":\"Forbidden\"}]}");

        assertThat(kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome()).isEqualTo(new DeliveryOutcome.CredentialsRejected(
                DeliveryFailure.http(403, "forbidden", "Forbidden")));
    }

    @Test
    void waitsUntilTheRateLimitResetsAndPausesAllRequestsWhenKustomerAnswers429() {
        // A gate of its own: the pause this test causes must not hold up the other tests' shared one.
        InMemoryDeliveryCoordination ownPacing = new InMemoryDeliveryCoordination(Clock.systemUTC());
        RateGate ownGate = TestSettings.ownRateGate(ownPacing);
        KustomerDeliveryAdapter limited = new KustomerDeliveryAdapter(api, TestSettings.withKey(KustomerStandIn.API_KEY),
                ownGate, attributeDeclarations, TestSettings.Calls.bulkTimeout(Duration.ofSeconds(5)), Clock.systemUTC());
        Instant reset = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 60);
        standIn.server().stubFor(post(urlEqualTo(NOTES)).willReturn(aResponse().withStatus(429)
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()))
                .withBody("{\"errors\":[{\"code\":\"rate_limited\",\"message\":\"Too many requests\"}]}")));

        Delivery delivery = limited.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory());
        DeliveryOutcome outcome = delivery.outcome();

        assertThat(outcome).isEqualTo(new DeliveryOutcome.RateLimited(
                DeliveryFailure.http(429, "rate_limited", "Too many requests"), reset));
        assertThat(delivery.budget()).isEqualTo(new RequestBudget(OptionalInt.of(0), Optional.of(reset)));
        assertThat(ownPacing.state(Instant.now(), Duration.ofMinutes(1), Duration.ofMinutes(1)).rateLimit())
                .as("the adapter reports the 429; it pauses nothing itself").isEmpty();
        // The application acts on the answer, in one place, for every request.
        ownGate.heed(delivery, "the test's operation");
        assertThat(ownPacing.state(Instant.now(), Duration.ofMinutes(1), Duration.ofMinutes(1)).rateLimit()
                .map(DeliveryCoordination.Pause::until)).contains(reset);
    }

    @Test
    void honoursRetryAfterWhenKustomerAnswers429WithIt() {
        Instant before = Instant.now();
        standIn.server().stubFor(post(urlEqualTo(NOTES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")));

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.RateLimited.class, limited ->
                assertThat(limited.until()).isBetween(before.plusSeconds(1), Instant.now().plusSeconds(1)));
    }

    @Test
    void retriesWhenKustomerAnswersMoreSlowlyThanTheReadTimeout() {
        standIn.server().stubFor(post(urlEqualTo(NOTES)).willReturn(aResponse().withStatus(201)
                .withFixedDelay(3_000).withBody("{\"data\":{\"id\":\"5f1e0a0b0c0d0e0f10111213\"}}")));

        Delivery delivery = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOfSatisfying(DeliveryOutcome.Transient.class, slow -> {
            assertThat(slow.failure().httpStatus()).isEmpty();
            assertThat(slow.failure().code()).isEqualTo("timeout");
        });
        assertThat(delivery.exchanges()).singleElement().satisfies(exchange -> {
            assertThat(exchange.status()).isEmpty();
            assertThat(exchange.responseBody()).isEmpty();
        });
    }

    @Test
    void retriesWhenKustomerDropsTheConnection() {
        standIn.server().stubFor(post(urlEqualTo(NOTES)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Transient.class, failed ->
                assertThat(failed.failure().httpStatus()).isEmpty());
    }

    @Test
    void retriesWhenTheConnectionIsRefused() throws IOException {
        KustomerApi nowhere = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create("http://127.0.0.1:" + closedPort()))
                .build(KustomerApi.class);

        Delivery delivery = adapter(nowhere, KustomerStandIn.API_KEY, Duration.ofSeconds(5)).deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOfSatisfying(DeliveryOutcome.Transient.class, refused -> {
            assertThat(refused.failure().httpStatus()).isEmpty();
            assertThat(refused.failure().code()).isEqualTo("network_error");
            assertThat(refused.failure().message()).doesNotContain(KustomerStandIn.API_KEY);
        });
        assertThat(delivery.exchanges()).singleElement().satisfies(exchange -> {
            assertThat(exchange.path()).isEqualTo(NOTES);
            assertThat(exchange.status()).isEmpty();
        });
    }

    @Test
    void rejectsASuccessWithoutTheCreatedId() {
        answerNotesWith(201, "{\"data\":{}}");

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected ->
                assertThat(rejected.failure().code()).isEqualTo("unexpected_response"));
    }

    @Test
    void isUnavailableAndSendsNothingWithoutAnApiKey() {
        KustomerDeliveryAdapter keyless = new KustomerDeliveryAdapter(api,
                new TestSettings("http://unused", Optional.of("  ")), rateGate, attributeDeclarations,
                TestSettings.Calls.bulkTimeout(Duration.ofSeconds(5)), Clock.systemUTC());

        assertThat(keyless.unavailableBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("KUSTOMER_API_KEY"));
        Delivery delivery = keyless.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory());
        assertThat(delivery.outcome()).isInstanceOf(DeliveryOutcome.CredentialsRejected.class);
        assertThat(delivery.exchanges()).isEmpty();
        standIn.server().verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void isAvailableWithTheConfiguredKey() {
        assertThat(kustomer.unavailableBecause()).isEmpty();
    }

    @Test
    void rejectsTheWholeBulkWhenKustomerFailsSomeOfItsObjects() {
        standIn.server().stubFor(post(urlEqualTo("/v1/klasses/Customer_Preferences/bulk")).willReturn(aResponse()
                .withStatus(201).withBody("{\"data\":{\"id\":\"job1\",\"attributes\":{\"status\":\"complete\"}}}")));
        standIn.server().stubFor(get(urlEqualTo("/v1/bulk/job1/batches")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[{\"attributes\":{\"results\":[{\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\",\"status\":\"success\"},"
                        + "{\"status\":\"failed\",\"error\":{\"message\":\"\\\"custom.scoreNum\\\" must be a number\"}}]}}]}")));

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.manyObjects(2)).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
            assertThat(rejected.failure().code()).isEqualTo("bulk_objects_failed");
            assertThat(rejected.failure().message()).startsWith("1 of 2 objects failed").contains("must be a number");
        });
        // the create answer said complete, so no status poll
        standIn.server().verify(0, getRequestedFor(urlEqualTo("/v1/bulk/job1")));
    }

    @Test
    void givesUpOnABulkJobThatNeverCompletes() {
        standIn.server().stubFor(post(urlEqualTo("/v1/klasses/Customer_Preferences/bulk")).willReturn(aResponse()
                .withStatus(201).withBody("{\"data\":{\"id\":\"job2\",\"attributes\":{\"status\":\"running\"}}}")));
        standIn.server().stubFor(get(urlEqualTo("/v1/bulk/job2")).willReturn(aResponse()
                .withStatus(200).withBody("{\"data\":{\"id\":\"job2\",\"attributes\":{\"status\":\"running\",\"completed\":false}}}")));

        DeliveryOutcome outcome = adapter(api, KustomerStandIn.API_KEY, Duration.ofMillis(200))
                .deliver(anOperation(Changes.manyObjects(2)).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Transient.class, timedOut -> {
            assertThat(timedOut.failure().code()).isEqualTo("bulk_timeout");
            assertThat(timedOut.failure().message()).contains("job2");
        });
        standIn.server().verify(0, getRequestedFor(urlPathMatching("/v1/bulk/job2/batches")));
    }

    @Test
    void neverRecordsOrReportsTheApiKeyEvenWhenKustomerEchoesIt() {
        answerNotesWith(400, "{\"errors\":[{\"code\":\"bad_request\",\"message\":\"bad token "
                + KustomerStandIn.API_KEY + "\"}]}");

        Delivery delivery = kustomer.deliver(anOperation(Changes.seedNote()).build(), DeliveryJournal.inMemory());

        assertThat(delivery.toString()).doesNotContain(KustomerStandIn.API_KEY).contains("bad token [api key]");
    }

    private void answerNotesWith(int status, String body) {
        standIn.server().stubFor(post(urlEqualTo(NOTES)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private KustomerDeliveryAdapter adapter(KustomerApi client, String key, Duration bulkTimeout) {
        return new KustomerDeliveryAdapter(client, TestSettings.withKey(key), rateGate, attributeDeclarations,
                TestSettings.Calls.bulkTimeout(bulkTimeout), Clock.systemUTC());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
