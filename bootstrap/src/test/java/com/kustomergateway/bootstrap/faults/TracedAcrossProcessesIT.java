package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.Callers;
import com.kustomergateway.testing.GatewayProcess;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace survives the outbox's hardest case: the process that accepted a change is killed after a failed attempt,
 * and another process, started afterwards, delivers it. Both export over OTLP (the settings an operator sets) to a
 * receiver in this test; every span, from both, belongs to the caller's trace.
 */
class TracedAcrossProcessesIT extends FaultTest {

    @Test
    void aRetryByAnotherProcessAfterAKillContinuesTheCallersTrace() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            String conversation = "conv_traced_" + UUID.randomUUID().toString().substring(0, 8);
            String notes = "/v1/conversations/" + conversation + "/notes";
            kustomer.server().stubFor(post(urlEqualTo(notes)).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withBody("down")));
            GatewayProcess first = traced(gateway("traced-first"), receiver, "first").start();
            String traceId = UUID.randomUUID().toString().replace("-", "");
            String callerSpan = traceId.substring(16);

            String id = given().baseUri(first.url()).auth().oauth2(Callers.everyRole())
                    .contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .body(Map.of("query", GraphQL.ADD_NOTE, "variables", Map.of("conversationId", conversation,
                            "noteBody", "traced", "isInternal", true)))
                    .when().post("/graphql").then().statusCode(200).extract().jsonPath()
                    .getString("data.addNoteToConversation.operationId");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.spans().stream()
                    .anyMatch(span -> span.instance().equals("first") && span.name().equals("deliver ADD_NOTE")));
            first.kill();
            kustomer.server().removeStub(kustomer.server().getStubMappings().stream()
                    .filter(stub -> notes.equals(stub.getRequest().getUrl())).findFirst().orElseThrow());
            GatewayProcess second = traced(gateway("traced-second"), receiver, "second").start();

            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(second.graphql(
                    "query($id: ID!) { operation(id: $id) { status } }", Map.of("id", id))
                    .getString("data.operation.status")));

            List<String> attemptTraces = second.graphql("query($id: ID!) { operation(id: $id) { attempts { traceId } } }",
                    Map.of("id", id)).getList("data.operation.attempts.traceId");
            assertThat(attemptTraces).hasSizeGreaterThanOrEqualTo(2).containsOnly(traceId);
            List<OtlpReceiver.Received> trace = await().atMost(Duration.ofSeconds(10)).until(
                    () -> receiver.spans().stream().filter(span -> span.traceId().equals(traceId)).toList(),
                    spans -> spans.stream().anyMatch(span -> span.instance().equals("second")
                            && span.kind() == SpanKind.SPAN_KIND_CLIENT));
            OtlpReceiver.Received accept = trace.stream()
                    .filter(span -> span.name().equals("accept ADD_NOTE")).findFirst().orElseThrow();
            assertThat(accept.instance()).isEqualTo("first");
            assertThat(accept.attributes()).containsEntry("gateway.operation.id", id);
            List<OtlpReceiver.Received> deliveries = trace.stream()
                    .filter(span -> span.name().equals("deliver ADD_NOTE")).toList();
            assertThat(deliveries).allSatisfy(delivery -> {
                assertThat(delivery.parentSpanId()).isEqualTo(accept.spanId());
                assertThat(delivery.attributes()).containsEntry("gateway.operation.id", id)
                        .containsEntry("gateway.operation.kind", "ADD_NOTE");
            });
            assertThat(deliveries).filteredOn(delivery -> delivery.instance().equals("first"))
                    .isNotEmpty().allMatch(OtlpReceiver.Received::error);
            OtlpReceiver.Received delivered = deliveries.stream()
                    .filter(delivery -> delivery.instance().equals("second")).findFirst().orElseThrow();
            assertThat(delivered.error()).isFalse();
            assertThat(trace).filteredOn(span -> span.parentSpanId().equals(delivered.spanId()))
                    .filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT)
                    .singleElement().satisfies(call -> {
                        assertThat(call.name()).isEqualTo("POST /v1/conversations/{id}/notes");
                        assertThat(call.attributes()).containsEntry("http.request.method", "POST")
                                .containsEntry("http.response.status_code", "201");
                    });
            assertThat(receiver.text()).as("what the processes exported").contains(traceId)
                    .doesNotContain(conversation).doesNotContain(KustomerStandIn.API_KEY);
            assertThat(second.log().lines()).as("the second process's JSON log lines")
                    .anyMatch(line -> line.contains("\"traceId\":\"" + traceId + "\"")
                            && line.contains("\"operationId\":\"" + id + "\"") && line.contains("delivered"));
            report("traced: spans=" + trace.size() + " attempts=" + attemptTraces.size());
        }
    }

    /** Tracing on as an operator switches it on: an OTLP endpoint; quick batches so the test need not wait. */
    private static GatewayProcess traced(GatewayProcess gateway, OtlpReceiver receiver, String instance) {
        return gateway.with("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                .with("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .with("QUARKUS_OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + instance)
                .with("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms")
                .with("QUARKUS_LOG_CATEGORY__COM_KUSTOMERGATEWAY_APPLICATION_DELIVERY__LEVEL", "INFO");
    }
}
