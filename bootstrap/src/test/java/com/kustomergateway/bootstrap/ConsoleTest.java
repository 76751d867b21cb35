package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.kustomergateway.bootstrap.DeliveryOutcomesTest.awaitStatus;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console: served by the gateway at /console with its security headers and no inline script, and the
 * audit queries it relies on beyond the listing (a capped count for a replay's confirmation, the last hour's
 * activity, an operation's change as accepted). Its pages in a browser: ConsoleBrowserIT.
 */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class ConsoleTest {

    static final String COUNT = "query($filter: OperationFilter) { operationCount(filter: $filter) { count exact } }";

    static final String ACTIVITY = "{ deliveryActivity { minute accepted delivered failed } }";

    private static final List<String> PAGES = List.of("index.html", "operations.html", "operation.html",
            "repairs.html");

    private static final List<String> ASSETS = List.of("console.css", "favicon.svg", "js/api.js", "js/dom.js",
            "js/filters.js", "js/format.js", "js/layout.js", "js/operation.js", "js/operations.js", "js/overview.js",
            "js/repairs.js", "js/session.js");

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Test
    void consoleWithoutTheSlashLeadsToItsOverview() {
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(301).header("Location", "console/");
        assertThat(given().when().get("/console/").then().statusCode(200).extract().asString())
                .contains("<title>Overview · Kustomer Gateway console</title>");
    }

    @Test
    void everyPageAndAssetCarriesTheConsolesSecurityHeaders() {
        for (String path : concat(PAGES, ASSETS)) {
            Response response = given().when().get("/console/" + path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                    .contains("connect-src 'self'").contains("frame-ancestors 'none'")
                    .contains("require-trusted-types-for 'script'").doesNotContain("unsafe");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(response.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
        assertThat(given().when().get("/console/js/api.js").contentType()).startsWith("text/javascript");
        assertThat(given().when().get("/console/console.css").contentType()).startsWith("text/css");
    }

    @Test
    void noPageRunsInlineScriptOrStyleAndNoneNeedsATokenToLoad() {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)|\\sstyle=|\\son[a-z]+=|=\"javascript:|<style",
                Pattern.CASE_INSENSITIVE);
        for (String page : PAGES) {
            String html = given().when().get("/console/" + page).then().statusCode(200).extract().asString();
            assertThat(inline.matcher(html).find()).as("inline script or style in %s", page).isFalse();
            assertThat(html).contains("<script type=\"module\" src=\"js/");
        }
        for (String script : ASSETS.stream().filter(path -> path.endsWith(".js")).toList()) {
            String code = given().when().get("/console/" + script).then().extract().asString();
            assertThat(code).as(script).doesNotContain("innerHTML").doesNotContain("eval(")
                    .doesNotContain("localStorage");
        }
    }

    @Test
    void countsTheFailedOperationsAReplayWouldQueueAgain() {
        String conversation = Audit.conversation();
        Audit.refuseNotesOn(kustomer, conversation);
        List.of(Audit.addNote(conversation), Audit.addNote(conversation)).forEach(id -> awaitStatus(id, "FAILED"));
        Map<String, Object> failedOnIt = Map.of("resource", "conversation:" + conversation, "status", "FAILED");

        JsonPath counted = GraphQL.run(COUNT, Map.of("filter", failedOnIt));

        assertThat(counted.getInt("data.operationCount.count")).isEqualTo(2);
        assertThat(counted.getBoolean("data.operationCount.exact")).isTrue();
        assertThat(GraphQL.run(COUNT, Map.of("filter", Map.of("resource", "conversation:" + conversation,
                "status", "DELIVERED"))).getInt("data.operationCount.count")).isZero();
        assertThat(GraphQL.run(COUNT, Map.of("filter", Map.of("resource", "conversation")))
                .getString("errors[0].extensions.code")).isEqualTo("INVALID_FILTER");
        assertThat(GraphQL.run(Audit.REPLAY, Map.of("filter", Map.of("resource", "conversation:" + conversation)))
                .getInt("data.replayFailedOperations.requeued")).isEqualTo(2);
    }

    @Test
    void reportsEachMinuteOfTheLastHourWithWhatWasAcceptedDeliveredAndFailed() {
        String refused = Audit.conversation();
        Audit.refuseNotesOn(kustomer, refused);
        JsonPath before = GraphQL.run(ACTIVITY, Map.of());
        awaitStatus(Audit.addNote(Audit.conversation()), "DELIVERED");
        awaitStatus(Audit.addNote(refused), "FAILED");

        JsonPath after = GraphQL.run(ACTIVITY, Map.of());

        List<String> minutes = after.getList("data.deliveryActivity.minute");
        assertThat(minutes).hasSize(60);
        for (int i = 1; i < minutes.size(); i++) {
            assertThat(Duration.between(Instant.parse(minutes.get(i - 1)), Instant.parse(minutes.get(i))))
                    .isEqualTo(Duration.ofMinutes(1));
        }
        assertThat(Instant.parse(minutes.get(59))).isBeforeOrEqualTo(Instant.now())
                .isAfter(Instant.now().minusSeconds(120));
        assertThat(total(after, "accepted") - total(before, "accepted")).isEqualTo(2);
        assertThat(total(after, "delivered") - total(before, "delivered")).isEqualTo(1);
        assertThat(total(after, "failed") - total(before, "failed")).isEqualTo(1);
    }

    @Test
    void showsTheChangeAsAcceptedWithItsAttributesUnderKustomersNames() {
        String id = GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_console",
                        "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold"),
                                Map.of("key", "lifetimeValueNum", "value", "12.50"))))
                .getString("data.updateCustomerData.operationId");

        JsonPath change = new JsonPath(GraphQL.run("query($id: ID!) { operation(id: $id) { change } }",
                Map.of("id", id)).getString("data.operation.change"));

        assertThat(change.getString("customerId")).isEqualTo("cust_console");
        assertThat(change.getString("personalizationData.loyaltyTierStr")).isEqualTo("gold");
        assertThat(change.getDouble("personalizationData.lifetimeValueNum")).isEqualTo(12.5);
    }

    private static int total(JsonPath activity, String series) {
        return activity.<Integer>getList("data.deliveryActivity." + series).stream().mapToInt(Integer::intValue).sum();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
