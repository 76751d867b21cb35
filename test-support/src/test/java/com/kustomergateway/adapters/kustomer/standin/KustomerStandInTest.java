package com.kustomergateway.adapters.kustomer.standin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in holds requests to Kustomer's rules, so tests elsewhere can trust a 2xx from it. */
class KustomerStandInTest {

    private static final KustomerStandIn STAND_IN = new KustomerStandIn();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern DATA_ID = Pattern.compile("\"data\":\\{\"type\":\"[a-z_]+\",\"id\":\"([0-9a-f]{24})\"");

    @BeforeAll
    static void start() {
        STAND_IN.start();
    }

    @AfterAll
    static void stop() {
        STAND_IN.stop();
    }

    @BeforeEach
    void reset() {
        STAND_IN.reset();
    }

    @Test
    void refusesARequestWithoutTheKey() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(STAND_IN.baseUrl() + "/v1/klasses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Orders\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"errors\"");
    }

    @Test
    void createsAKlassWithA24HexIdAndRateLimitHeaders() throws Exception {
        HttpResponse<String> answer = send("POST", "/v1/klasses", "{\"name\":\"Orders\",\"displayName\":\"Orders\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(DATA_ID.matcher(answer.body()).find()).isTrue();
        assertThat(answer.headers().firstValue("x-ratelimit-remaining")).isPresent();
        assertThat(answer.headers().firstValue("x-ratelimit-reset")).isPresent();
    }

    @Test
    void keepsDeclaredAttributeMetadataMergedWithEarlierDeclarations() throws Exception {
        assertThat(send("PUT", "/v1/metadata/kobject.Orders",
                "{\"properties\":{\"totalNum\":{\"displayName\":\"Total\"}}}").statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/v1/metadata/kobject.Orders",
                "{\"properties\":{\"shippedAt\":{\"displayName\":\"Shipped\"}}}").statusCode()).isEqualTo(200);

        HttpResponse<String> metadata = send("GET", "/v1/metadata/kobject.Orders", null);

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"totalNum\":{\"displayName\":\"Total\"}")
                .contains("\"shippedAt\":{\"displayName\":\"Shipped\"}");
    }

    @Test
    void keepsCustomerMetadataLikeAKlassesAndHasItBeforeAnyDeclaration() throws Exception {
        HttpResponse<String> before = send("GET", "/v1/metadata/customer", null);
        assertThat(send("PUT", "/v1/metadata/customer",
                "{\"properties\":{\"loyaltyTierStr\":{\"displayName\":\"Loyalty Tier\"}}}").statusCode()).isEqualTo(200);

        HttpResponse<String> after = send("GET", "/v1/metadata/customer", null);

        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).contains("\"properties\":{}");
        assertThat(send("GET", "/v1/metadata/kobject.Never_Declared", null).statusCode()).isEqualTo(404);
        assertThat(after.body()).contains("\"loyaltyTierStr\":{\"displayName\":\"Loyalty Tier\"}");
    }

    @Test
    void refusesMetadataForAnAttributeWithoutATypeSuffixOrWithUnknownFields() throws Exception {
        assertThat(send("PUT", "/v1/metadata/kobject.Orders",
                "{\"properties\":{\"total\":{\"displayName\":\"Total\"}}}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/v1/metadata/kobject.Orders", "{\"attributes\":{}}").statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAKlassDescriptionBecauseKustomerHasNoSuchField() throws Exception {
        HttpResponse<String> answer = send("POST", "/v1/klasses", "{\"name\":\"Orders\",\"description\":\"x\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":\"bad_request\"").contains("description");
    }

    @Test
    void refusesAnObjectWithoutATitle() throws Exception {
        assertThat(send("POST", "/v1/klasses/Orders", "{\"externalId\":\"e1\"}").body())
                .contains("\\\"title\\\" is required");
    }

    @Test
    void refusesAttributesWithoutATypeSuffixOrOfTheWrongType() throws Exception {
        HttpResponse<String> answer = send("POST", "/v1/klasses/Orders",
                "{\"title\":\"t\",\"custom\":{\"colour\":\"red\",\"scoreNum\":\"8.5\",\"seenAt\":\"yesterday\"}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("custom.colour").contains("custom.scoreNum").contains("custom.seenAt");
    }

    @Test
    void refusesANoteWithAnEmptyBody() throws Exception {
        assertThat(send("POST", "/v1/conversations/c1/notes", "{\"body\":\"\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void refusesACustomerUpdateWithAnUnknownField() throws Exception {
        assertThat(send("PATCH", "/v1/customers/c1", "{\"personalization\":{}}").statusCode()).isEqualTo(400);
        assertThat(send("PATCH", "/v1/customers/c1", "{\"custom\":{\"tierStr\":\"gold\"}}").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABulkOfMoreThan100Objects() throws Exception {
        String items = IntStream.range(0, 101).mapToObj(i -> "{\"title\":\"t" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));

        assertThat(send("POST", "/v1/klasses/Orders/bulk", items).statusCode()).isEqualTo(400);
    }

    @Test
    void runsABulkJobAndFindsItsObjectsByExternalId() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/klasses/Orders/bulk",
                "[{\"title\":\"a\",\"externalId\":\"e1\"},{\"title\":\"b\",\"externalId\":\"e2\"}]");
        assertThat(created.statusCode()).isEqualTo(201);
        String jobId = id(created.body());

        assertThat(send("GET", "/v1/bulk/" + jobId, null).body()).contains("\"status\":\"complete\"");
        String batches = send("GET", "/v1/bulk/" + jobId + "/batches", null).body();
        HttpResponse<String> found = send("GET", "/v1/klasses/Orders/externalId=e2", null);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(batches).contains("\"id\":\"" + id(found.body()) + "\",\"externalId\":\"e2\"");
        assertThat(send("GET", "/v1/klasses/Orders/externalId=e3", null).statusCode()).isEqualTo(404);
    }

    @Test
    void letsCustomStubsOverrideTheDefaultBehaviourUntilReset() throws Exception {
        STAND_IN.server().stubFor(post(urlEqualTo("/v1/klasses")).willReturn(aResponse().withStatus(503)));
        assertThat(send("POST", "/v1/klasses", "{\"name\":\"Orders\"}").statusCode()).isEqualTo(503);

        STAND_IN.reset();

        assertThat(send("POST", "/v1/klasses", "{\"name\":\"Orders\"}").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(STAND_IN.baseUrl() + path))
                .header("Authorization", "Bearer " + KustomerStandIn.API_KEY)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(String body) {
        Matcher matcher = DATA_ID.matcher(body);
        assertThat(matcher.find()).as("a data.id in %s", body).isTrue();
        return matcher.group(1);
    }
}
