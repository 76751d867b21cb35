package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.kustomergateway.bootstrap.DeliveryOutcomesTest.awaitStatus;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Operators see the gateway's work in metrics, its state in health, and each delivery's operation in its logs. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class ObservabilityTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @BeforeEach
    void kustomerBehavesNormally() {
        kustomer.reset();
    }

    @Test
    void countsAcceptedDeliveredAndAttemptedOperationsByKindAndTimesTheirDelivery() {
        String accepted = "gateway_operations_accepted_total{kind=\"ADD_NOTE\"}";
        String delivered = "gateway_operations_delivered_total{kind=\"ADD_NOTE\"}";
        String attempts = "gateway_delivery_attempts_total{kind=\"ADD_NOTE\",outcome=\"Delivered\"}";
        String latencies = "gateway_delivery_latency_seconds_count{kind=\"ADD_NOTE\"}";
        String metrics = metrics();
        double acceptedBefore = value(metrics, accepted);
        double deliveredBefore = value(metrics, delivered);
        double attemptsBefore = value(metrics, attempts);
        double latenciesBefore = value(metrics, latencies);

        awaitStatus(Audit.addNote(Audit.conversation()), "DELIVERED");

        String after = metrics();
        assertThat(value(after, accepted)).isEqualTo(acceptedBefore + 1);
        assertThat(value(after, delivered)).isEqualTo(deliveredBefore + 1);
        assertThat(value(after, attempts)).isEqualTo(attemptsBefore + 1);
        assertThat(value(after, latencies)).isEqualTo(latenciesBefore + 1);
        assertThat(after).contains("gateway_delivery_latency_seconds_bucket{kind=\"ADD_NOTE\",le=");
    }

    @Test
    void countsFailuresAndKustomersRateLimitAnswers() {
        String conversation = Audit.conversation();
        String notes = "/v1/conversations/" + conversation + "/notes";
        kustomer.server().stubFor(post(urlEqualTo(notes)).atPriority(1)
                .inScenario(conversation).whenScenarioStateIs(STARTED).willSetStateTo("closed")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"slow down\"}]}")));
        kustomer.server().stubFor(post(urlEqualTo(notes)).atPriority(1)
                .inScenario(conversation).whenScenarioStateIs("closed")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"bad_request\",\"message\":\"conversation is closed\"}]}")));
        String metrics = metrics();
        double rateLimitedBefore = value(metrics, "gateway_kustomer_rate_limited_total");
        double failedBefore = value(metrics, "gateway_operations_failed_total{kind=\"ADD_NOTE\"}");

        awaitStatus(Audit.addNote(conversation), "FAILED");

        String after = metrics();
        assertThat(value(after, "gateway_kustomer_rate_limited_total")).isEqualTo(rateLimitedBefore + 1);
        assertThat(value(after, "gateway_operations_failed_total{kind=\"ADD_NOTE\"}")).isEqualTo(failedBefore + 1);
    }

    @Test
    void reportsTheBacklogAndTheOldestWaitingAge() {
        String conversation = Audit.conversation();
        Audit.postponeNotesOn(kustomer, conversation);
        String waiting = Audit.addNote(conversation);
        awaitStatus(waiting, "RETRYING");

        String metrics = metrics();

        assertThat(value(metrics, "gateway_operations_backlog")).isGreaterThanOrEqualTo(1);
        // A sample that is missing reads as 0: the operation waits since it was accepted, so its age is above that.
        assertThat(value(metrics, "gateway_operations_oldest_waiting_age_seconds")).isGreaterThan(0);
        GraphQL.run(Audit.CANCEL, java.util.Map.of("id", waiting));
    }

    @Test
    void isLiveAndReadyWithTheDatabaseAndKustomerDeliveryUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kustomer-delivery"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void namesTheOperationOnEveryLineLoggedWhileDeliveringIt() {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && record.getLoggerName().startsWith("com.kustomergateway")) {
                    ext.copyMdc();
                    records.add(ext);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String id = Audit.addNote(Audit.conversation());
            awaitStatus(id, "DELIVERED");

            assertThat(records).filteredOn(record -> record.getFormattedMessage().contains("delivered"))
                    .filteredOn(record -> record.getFormattedMessage().contains(id))
                    .singleElement()
                    .satisfies(record -> assertThat(record.getMdc("operationId")).isEqualTo(id));
        } finally {
            root.removeHandler(capture);
        }
    }

    @Test
    void tracesNothingUntilAnExportEndpointIsSetThoughTheCallerSendsATraceparent() {
        String id = given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .body(Map.of("query", GraphQL.ADD_NOTE, "variables", Map.of("conversationId", Audit.conversation(),
                        "noteBody", "n", "isInternal", true)))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath()
                .getString("data.addNoteToConversation.operationId");

        JsonPath operation = awaitStatus(id, "DELIVERED");

        assertThat(GraphQL.run("query($id: ID!) { operation(id: $id) { attempts { traceId } } }", Map.of("id", id))
                .getList("data.operation.attempts.traceId")).containsExactly((Object) null);
        assertThat(operation.getString("data.operation.status")).isEqualTo("DELIVERED");
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** A sample's value; 0 when it has none yet. */
    private static double value(String metrics, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([0-9.eE+-]+|NaN)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
