package com.kustomergateway.bootstrap.console;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.testing.Callers;
import com.kustomergateway.testing.GatewayProcess;
import com.kustomergateway.testing.Outbox;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator console in a real browser (headless Chromium), against the packaged gateway and the Kustomer
 * stand-in: what an auditor, an admin and a writer see and can do, each page kept as a screenshot in
 * target/console-screenshots/. The last test fills the outbox to 100,000 operations and records how long a page of
 * the table takes; it asserts only a loose bound, since timing belongs to measurements, not tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String AUDITOR = "gateway-auditor";
    private static final String ADMIN = "gateway-admin";
    private static final String WRITER = "gateway-writer";

    private static final KustomerStandIn kustomer = new KustomerStandIn();
    private static final Outbox outbox = new Outbox();
    private static GatewayProcess gateway;

    private Browser browser;

    @BeforeAll
    static void startGateway() {
        String missing = "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            assertThat(Browser.installed()).as(missing + "; .ci/run installs them").isTrue();
        }
        assumeTrue(Browser.installed(), missing);
        kustomer.start();
        gateway = new GatewayProcess("console", GatewayProcess.settings(outbox, kustomer.baseUrl(),
                KustomerStandIn.API_KEY)).with("GATEWAY_RETRY_MAX_ATTEMPTS", "3").start();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        kustomer.stop();
        outbox.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser();
    }

    @AfterEach
    void closeBrowser() {
        try {
            assertThat(browser.consoleMessages()).as("what the page logged (a CSP violation, an error)")
                    .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Uncaught")
                            || message.contains("TrustedHTML"));
        } finally {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void anAuditorFindsAFailedNoteByItsConversationAndReadsKustomersAnswer() {
        String conversation = conversation();
        conversationIsMissing(conversation);
        String id = addNote(conversation);
        awaitStatus(id, "FAILED");

        browser.open(gateway.url() + "/console");
        browser.signIn(Callers.token(AUDITOR));
        browser.await(By.id("relay"));
        browser.screenshot("overview");
        browser.find(By.linkText("Operations")).click();
        new Select(browser.await(By.id("filter-status"))).selectByVisibleText("Failed");
        new Select(browser.find(By.id("filter-resource-type"))).selectByVisibleText("conversation");
        browser.find(By.id("filter-resource-id")).sendKeys(conversation);
        browser.find(By.cssSelector("form.filters button[type=submit]")).click();

        browser.awaitText(By.id("listing-summary"), "resource conversation:" + conversation);
        assertThat(browser.url()).contains("status=FAILED").contains("resource=conversation%3A" + conversation);
        assertThat(browser.findAll(By.cssSelector("table.operations tbody tr"))).hasSize(1);
        browser.screenshot("operations-filtered");
        browser.find(By.cssSelector("a.operation-link")).click();

        browser.awaitAttribute(By.id("operation-status"), "data-status", "FAILED");
        String page = browser.text();
        assertThat(page).contains("POST /v1/conversations/" + conversation + "/notes").contains("HTTP 404")
                .contains("\"code\": \"not_found\"").contains("The requested resource was not found");
        assertThat(browser.findAll(By.id("retry"))).as("no repairs offered to an auditor").isEmpty();
        browser.screenshot("operation-failed");
    }

    @Test
    @Order(2)
    void anAdminRetriesAFailedNoteAndSeesItDeliveredWithoutReloading() {
        String conversation = conversation();
        conversationIsMissing(conversation);
        String id = addNote(conversation);
        awaitStatus(id, "FAILED");
        conversationExistsAgain(conversation);

        browser.open(gateway.url() + "/console/operation.html?id=" + id);
        browser.signIn(Callers.token(AUDITOR, ADMIN));
        browser.await(By.id("retry"));
        browser.script("window.sameDocument = true");
        browser.find(By.id("retry")).click();
        assertThat(browser.await(By.cssSelector("dialog.confirm")).getText()).contains("Retry this operation?")
                .contains("1 earlier attempt");
        browser.screenshot("operation-retry-confirm");
        browser.find(By.id("confirm-yes")).click();

        browser.awaitAttribute(By.id("operation-status"), "data-status", "DELIVERED");
        assertThat(browser.script("return window.sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
        browser.awaitText(By.id("attempts-title"), "Attempts (2)");
        browser.awaitText(By.id("attempt-2"), "Attempt 2: DELIVERED");
        assertThat(browser.text()).contains("HTTP 201").contains("Retried: queued again");
        browser.screenshot("operation-delivered");
    }

    @Test
    @Order(3)
    void aBulkReplayAsksForConfirmationWithItsCountAndReportsHowManyWereQueued() {
        String conversation = conversation();
        conversationIsMissing(conversation);
        List<String> ids = List.of(addNote(conversation), addNote(conversation), addNote(conversation));
        ids.forEach(id -> awaitStatus(id, "FAILED"));

        browser.open(gateway.url() + "/console/repairs.html");
        browser.signIn(Callers.token(AUDITOR, ADMIN));
        new Select(browser.await(By.id("replay-resource-type"))).selectByVisibleText("conversation");
        browser.find(By.id("replay-resource-id")).sendKeys(conversation);
        browser.find(By.id("review-replay")).click();

        assertThat(browser.await(By.id("replay-count")).getAttribute("data-count")).isEqualTo("3");
        assertThat(browser.find(By.cssSelector("dialog.confirm")).getText())
                .contains("Replay 3 failed operations?").contains("resource conversation:" + conversation);
        browser.screenshot("repairs-confirm");
        browser.find(By.id("confirm-yes")).click();

        browser.awaitAttribute(By.id("replay-done"), "data-requeued", "3");
        assertThat(browser.find(By.id("replay-done")).getText()).startsWith("Queued again: 3 operations.");
        browser.screenshot("repairs-done");
    }

    @Test
    @Order(4)
    void aWriterOnlyTokenIsToldPlainlyThatItMayNotLook() {
        browser.open(gateway.url() + "/console/");
        browser.signIn(Callers.token(WRITER));

        browser.awaitText(By.cssSelector("#page .refused h2"), "This token may not look at deliveries");
        assertThat(browser.find(By.cssSelector("#page .refused")).getText()).contains("gateway-writer")
                .contains("FORBIDDEN");
        browser.screenshot("writer-refused");
    }

    @Test
    @Order(5)
    void aPageOfTheOperationsTableLoadsQuicklyOnAHundredThousandRowOutbox() throws SQLException {
        int rows = fillOutboxTo(100_000);
        browser.open(gateway.url() + "/console/operations.html");
        browser.signIn(Callers.token(AUDITOR));
        browser.await(By.id("listing-summary"));

        String[] views = {"operations.html?first=100", "operations.html?status=FAILED&first=100",
                "operations.html?resource=customer%3Abulk_42&first=100", "operations.html?kind=UPDATE_CUSTOMER_DATA&first=100"};
        StringBuilder figures = new StringBuilder();
        for (String view : views) {
            long started = System.nanoTime();
            browser.open(gateway.url() + "/console/" + view);
            browser.await(By.id("listing-summary"));
            long pageMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            String queryMillis = browser.find(By.id("listing-summary")).getAttribute("data-load-ms");
            figures.append(String.format("%n  %-55s page %5d ms, GraphQL call %4s ms, %s rows", view, pageMillis,
                    queryMillis, browser.find(By.id("listing-summary")).getAttribute("data-rows")));
            assertThat(pageMillis).as("a page of the table, loosely bounded").isLessThan(10_000);
        }
        browser.open(gateway.url() + "/console/operations.html");
        browser.await(By.id("older")).click();
        browser.await(By.id("listing-summary"));
        assertThat(browser.url()).contains("after=");
        assertThat(browser.findAll(By.cssSelector("table.operations tbody tr"))).hasSize(20);
        browser.screenshot("operations");
        System.out.println("[console] a page of the operations table on a " + rows + "-row outbox:" + figures);
        browser.open(gateway.url() + "/console/");
        browser.await(By.id("relay"));
        browser.screenshot("overview-busy");
    }

    private static String conversation() {
        return "conv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Kustomer answers 404 for the conversation's notes, as it does for a conversation that does not exist. */
    private static void conversationIsMissing(String conversation) {
        kustomer.server().stubFor(post(urlEqualTo(notes(conversation))).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"status\":404,\"code\":\"not_found\",\"title\":\"Not Found\","
                        + "\"detail\":\"The requested resource was not found\"}]}")));
    }

    private static void conversationExistsAgain(String conversation) {
        kustomer.server().getStubMappings().stream()
                .filter(stub -> notes(conversation).equals(stub.getRequest().getUrl()))
                .forEach(stub -> kustomer.server().removeStub(stub));
    }

    private static String notes(String conversation) {
        return "/v1/conversations/" + conversation + "/notes";
    }

    private static String addNote(String conversation) {
        JsonPath response = gateway.graphql("""
                mutation($c: String!) { addNoteToConversation(conversationId: $c, noteBody: "Prefers email", isInternal: true) {
                  operationId } }""", Map.of("c", conversation));
        assertThat(response.getList("errors")).isNull();
        return response.getString("data.addNoteToConversation.operationId");
    }

    private static void awaitStatus(String id, String status) {
        await().alias("operation " + id + " " + status).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.graphql("query($id: ID!) { operation(id: $id) { status } }", Map.of("id", id))
                        .getString("data.operation.status"), status::equals);
    }

    /**
     * Copies one real customer update until the outbox holds {@code target} operations, accepted over the last 30
     * days on 5,000 customers, one in fifty failed; as fast as Postgres can insert, without the relay seeing any.
     */
    private static int fillOutboxTo(int target) throws SQLException {
        String template = gateway.graphql("""
                mutation { updateCustomerData(customerId: "bulk_0", personalizationData: [{key: "loyalty_tier", value: "gold"}]) {
                  operationId } }""", Map.of()).getString("data.updateCustomerData.operationId");
        awaitStatus(template, "DELIVERED");
        try (Connection connection = DriverManager.getConnection(outbox.jdbcUrl(null), Outbox.USER, Outbox.PASSWORD);
                Statement statement = connection.createStatement()) {
            long existing;
            try (var rows = statement.executeQuery("SELECT count(*) FROM operation")) {
                rows.next();
                existing = rows.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO operation (id, kind, resource_key, status, payload, accepted_at, updated_at,
                                           failed_attempts, next_attempt_at, remote_ids, last_failure_status,
                                           last_failure_code, last_failure_message)
                    SELECT gen_random_uuid(), o.kind, 'customer:bulk_' || (i % 5000),
                           CASE WHEN i % 50 = 0 THEN 'FAILED' ELSE 'DELIVERED' END,
                           jsonb_set(o.payload, '{customerId}', to_jsonb('bulk_' || (i % 5000))),
                           now() - make_interval(secs => i * 25.92), now() - make_interval(secs => i * 25.92 - 1),
                           CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END, NULL, o.remote_ids,
                           CASE WHEN i % 50 = 0 THEN 400 END, CASE WHEN i % 50 = 0 THEN 'bad_request' END,
                           CASE WHEN i % 50 = 0 THEN 'customer is locked' END
                    FROM operation o, generate_series(1, ?) AS i
                    WHERE o.id = ?
                    """)) {
                insert.setLong(1, target - existing);
                insert.setObject(2, UUID.fromString(template));
                insert.executeUpdate();
            }
            statement.execute("VACUUM ANALYZE operation");
            try (var rows = statement.executeQuery("SELECT count(*) FROM operation")) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
