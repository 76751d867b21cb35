package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Unremovable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A frontend's call and Kustomer's answer are one trace, across the outbox: the caller's {@code traceparent} is
 * continued by the accept, every delivery attempt is a child of the context stored with the operation, and the
 * Kustomer calls are client spans of the attempt. Spans go to an in-memory exporter (every {@code SpanExporter}
 * bean receives them).
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
@QuarkusTestResource(Callers.class)
class TracingTest {

    static final AttributeKey<String> OPERATION_ID = AttributeKey.stringKey("gateway.operation.id");
    static final AttributeKey<String> OPERATION_KIND = AttributeKey.stringKey("gateway.operation.kind");

    /**
     * Tracing switched on as an operator does, by naming an endpoint; the OTLP exporter itself is left out of this
     * build, so spans go to this test's exporter only, span by span.
     */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:4317",
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.simple", "true");
        }
    }

    @Singleton
    static class Exporter {
        @Produces
        @Singleton
        @Unremovable
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    static final String OPERATION = """
            query($id: ID!) { operation(id: $id) { status attempts { number outcome traceId } } }""";

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void fresh() {
        kustomer.reset();
        exporter.reset();
    }

    @Test
    void aMutationSentWithATraceparentIsOneTraceFromTheAcceptToKustomersAnswer() {
        Caller caller = new Caller();
        // An attribute Kustomer does not know yet: declared first (GET and PUT metadata), then written (PATCH).
        String attribute = "traced_" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String id = caller.call(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_traced",
                "personalizationData", List.of(Map.of("key", attribute, "value", "gold"))))
                .getString("data.updateCustomerData.operationId");

        JsonPath operation = awaitSettled(id);
        assertThat(operation.getList("data.operation.attempts.traceId")).containsExactly(caller.traceId);

        List<SpanData> trace = awaitSpans(caller.traceId, spans -> spans.stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT).count() >= 3);
        SpanData server = only(trace, span -> span.getKind() == SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(caller.spanId);
        SpanData accept = only(trace, span -> span.getName().equals("accept UPDATE_CUSTOMER_DATA"));
        assertThat(accept.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(accept.getAttributes().get(OPERATION_ID)).isEqualTo(id);
        assertThat(accept.getAttributes().get(OPERATION_KIND)).isEqualTo("UPDATE_CUSTOMER_DATA");
        SpanData delivery = only(trace, span -> span.getName().equals("deliver UPDATE_CUSTOMER_DATA"));
        assertThat(delivery.getParentSpanId()).isEqualTo(accept.getSpanId());
        assertThat(delivery.getAttributes().get(OPERATION_ID)).isEqualTo(id);
        assertThat(delivery.getSpanContext().getTraceState().get("vendor")).as("the caller's tracestate travels").isEqualTo("opaque");
        List<SpanData> calls = trace.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getParentSpanId()).isEqualTo(delivery.getSpanId());
            assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200);
        });
        assertThat(calls).extracting(call -> call.getAttributes().get(AttributeKey.stringKey("http.request.method")))
                .containsExactly("GET", "PUT", "PATCH");
        assertThat(calls).extracting(SpanData::getName).contains("PATCH /v1/customers/{id}");
        assertThat(everythingIn(calls)).as("ids in the path stay in the audit").doesNotContain("cust_traced");
        SpanData claim = awaitSpan(span -> span.getName().equals("claim") && span.getLinks().stream()
                .anyMatch(link -> link.getSpanContext().getSpanId().equals(accept.getSpanId())));
        assertThat(delivery.getLinks()).anySatisfy(link -> assertThat(link.getSpanContext().getSpanId())
                .isEqualTo(claim.getSpanId()));
    }

    @Test
    void everyAttemptOfARetriedOperationContinuesTheCallersTrace() {
        String conversation = Audit.conversation();
        String notes = "/v1/conversations/" + conversation + "/notes";
        kustomer.server().stubFor(post(urlEqualTo(notes)).atPriority(1)
                .inScenario(conversation).whenScenarioStateIs(STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503).withBody("down")));
        Caller caller = new Caller();
        String id = caller.call(GraphQL.ADD_NOTE, Map.of("conversationId", conversation, "noteBody", "n",
                "isInternal", true)).getString("data.addNoteToConversation.operationId");

        JsonPath operation = awaitSettled(id);

        assertThat(operation.getList("data.operation.attempts.outcome")).containsExactly("TRANSIENT", "DELIVERED");
        assertThat(operation.getList("data.operation.attempts.traceId"))
                .containsExactly(caller.traceId, caller.traceId);
        List<SpanData> trace = awaitSpans(caller.traceId, spans -> spans.stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT).count() >= 2);
        SpanData accept = only(trace, span -> span.getName().equals("accept ADD_NOTE"));
        assertThat(trace).filteredOn(span -> span.getName().equals("deliver ADD_NOTE")).hasSize(2)
                .allSatisfy(delivery -> assertThat(delivery.getParentSpanId()).isEqualTo(accept.getSpanId()))
                .extracting(delivery -> delivery.getStatus().getStatusCode().name()).containsExactly("ERROR", "UNSET");
        assertThat(trace).filteredOn(span -> span.getKind() == SpanKind.CLIENT)
                .extracting(call -> call.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .containsExactly(503L, 201L);
    }

    @Test
    void aSlowDeliveryExplainsItselfWithTheRelaysPauseAndTheBulkJobsPolling() {
        String conversation = Audit.conversation();
        kustomer.server().stubFor(post(urlEqualTo("/v1/conversations/" + conversation + "/notes")).atPriority(1)
                .inScenario(conversation).whenScenarioStateIs(STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"slow down\"}]}")));
        Caller caller = new Caller();
        String note = caller.call(GraphQL.ADD_NOTE, Map.of("conversationId", conversation, "noteBody", "n",
                "isInternal", true)).getString("data.addNoteToConversation.operationId");
        String klass = "Traced_" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String objects = caller.call(GraphQL.CREATE_OBJECTS, Map.of("klassName", klass, "fieldTypes", List.of(),
                "objects", List.of(Map.of("title", "a", "data", List.of()), Map.of("title", "b", "data", List.of()))))
                .getString("data.createCustomObjects.operationId");

        assertThat(awaitSettled(note).getString("data.operation.status")).isEqualTo("DELIVERED");
        assertThat(awaitSettled(objects).getString("data.operation.status")).isEqualTo("DELIVERED");

        List<SpanData> trace = awaitSpans(caller.traceId, spans -> spans.stream()
                .anyMatch(span -> span.getName().equals("await bulk job")));
        SpanData limited = trace.stream().filter(span -> span.getName().equals("deliver ADD_NOTE"))
                .filter(span -> span.getStatus().getStatusCode().name().equals("ERROR")).findFirst().orElseThrow();
        SpanData pause = only(trace, span -> span.getName().equals("pause rate limit"));
        assertThat(pause.getParentSpanId()).isEqualTo(limited.getSpanId());
        assertThat(pause.getEndEpochNanos() - pause.getStartEpochNanos()).as("the pause Kustomer asked for")
                .isGreaterThan(500_000_000L);
        SpanData bulk = only(trace, span -> span.getName().equals("await bulk job"));
        assertThat(bulk.getAttributes().get(AttributeKey.longKey("gateway.bulk.polls"))).isPositive();
        assertThat(trace).filteredOn(span -> span.getParentSpanId().equals(bulk.getSpanId()))
                .filteredOn(span -> span.getKind() == SpanKind.CLIENT)
                .extracting(SpanData::getName).isNotEmpty().allMatch(name -> name.equals("GET /v1/bulk/{id}"));
    }

    @Test
    void anOperationAcceptedUntracedGetsATraceOfItsOwnThatTheAuditShows() {
        String id = GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", Audit.conversation(), "noteBody", "n",
                "isInternal", true)).getString("data.addNoteToConversation.operationId");

        String traceId = awaitSettled(id).getString("data.operation.attempts[0].traceId");

        assertThat(traceId).matches("[0-9a-f]{32}");
        SpanData delivery = awaitSpan(span -> span.getName().equals("deliver ADD_NOTE")
                && id.equals(span.getAttributes().get(OPERATION_ID)));
        assertThat(delivery.getTraceId()).isEqualTo(traceId);
    }

    @Test
    void logLinesCarryTraceAndSpanIdsBesideTheOperationAndNoTraceCarriesTheKeyOrPersonalData() {
        String secretValue = "pv-" + UUID.randomUUID();
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
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
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Caller caller = new Caller();
        try {
            String id = caller.call(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_private",
                    "personalizationData", List.of(Map.of("key", "secret_note", "value", secretValue),
                            Map.of("key", "loyalty_tier", "value", secretValue + "-tier"))))
                    .getString("data.updateCustomerData.operationId");
            awaitSettled(id);
            SpanData delivery = only(awaitSpans(caller.traceId,
                    spans -> spans.stream().anyMatch(span -> span.getName().startsWith("PATCH"))),
                    span -> span.getName().equals("deliver UPDATE_CUSTOMER_DATA"));

            assertThat(records).filteredOn(record -> id.equals(record.getMdc("operationId")))
                    .filteredOn(record -> record.getFormattedMessage().contains("delivered"))
                    .singleElement().satisfies(record -> {
                        assertThat(record.getMdc("traceId")).isEqualTo(caller.traceId);
                        assertThat(record.getMdc("spanId")).isEqualTo(delivery.getSpanId());
                    });
        } finally {
            root.removeHandler(capture);
        }

        String spans = everythingIn(exporter.getFinishedSpanItems());
        assertThat(spans).as("the spans were searched").contains(caller.traceId, "UPDATE_CUSTOMER_DATA");
        String logs = String.join("\n", records.stream()
                .map(record -> record.getLoggerName() + " " + record.getFormattedMessage() + " " + record.getMdcCopy())
                .toList());
        assertThat(logs).as("the logs were searched").contains(caller.traceId);
        for (String secret : List.of(KustomerStandIn.API_KEY, secretValue)) {
            assertThat(spans).as("spans").doesNotContain(secret);
            assertThat(logs).as("log lines").doesNotContain(secret);
        }
    }

    /** A traced caller: a W3C traceparent of its own, with tracestate and baggage, on every call. */
    static final class Caller {
        final String traceId = UUID.randomUUID().toString().replace("-", "");
        final String spanId = traceId.substring(0, 16);

        JsonPath call(String query, Map<String, ?> variables) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query);
            body.put("variables", variables);
            return given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-" + spanId + "-01")
                    .header("tracestate", "vendor=opaque")
                    .header("baggage", "tenant=shop-1")
                    .body(body).when().post("/graphql")
                    .then().statusCode(200).extract().jsonPath();
        }
    }

    private static JsonPath awaitSettled(String id) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> GraphQL.run(OPERATION, Map.of("id", id)),
                        json -> List.of("DELIVERED", "FAILED").contains(json.getString("data.operation.status")));
    }

    private List<SpanData> awaitSpans(String traceId, java.util.function.Predicate<List<SpanData>> complete) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> exporter.getFinishedSpanItems().stream()
                        .filter(span -> span.getTraceId().equals(traceId)).toList(), complete);
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> wanted) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> exporter.getFinishedSpanItems().stream().filter(wanted).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
    }

    private static SpanData only(List<SpanData> spans, java.util.function.Predicate<SpanData> wanted) {
        List<SpanData> found = spans.stream().filter(wanted).toList();
        assertThat(found).as("in %s", spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return found.get(0);
    }

    /** Every name, attribute, event, link and resource attribute of the spans, as text. */
    static String everythingIn(List<SpanData> spans) {
        List<String> text = new ArrayList<>();
        for (SpanData span : spans) {
            text.add(span.getName() + " " + span.getTraceId() + " " + span.getAttributes() + " "
                    + span.getEvents() + " " + span.getLinks() + " " + span.getStatus() + " "
                    + span.getResource().getAttributes() + " " + span.getSpanContext().getTraceState());
        }
        return String.join("\n", text);
    }
}
