package com.kustomergateway.adapters.kustomer;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.klass.KlassName;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.KustomerPort.Delivery;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.testing.Changes;
import com.kustomergateway.testing.OperationBuilder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.kustomergateway.testing.OperationBuilder.anOperation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@QuarkusTest
@TestProfile(AdapterTestProfile.class)
@QuarkusTestResource(KustomerStandInResource.class)
class DeliveringChangesTest {

    /** What Kustomer receives as the seed object's {@code custom}. */
    static final String SEED_CUSTOM = """
            {"preferredContactMethodStr":"email","productInterestScoreNum":8.5,
             "lastInteractionDateAt":"2024-01-15T00:00:00Z","isPremiumCustomerBool":true}""";

    private static final String BEARER = "Bearer " + KustomerStandIn.API_KEY;
    private static final String OBJECT_ID = "[0-9a-f]{24}";

    @Inject
    KustomerPort kustomer;

    @Inject
    @RestClient
    KustomerApi api;

    @InjectKustomerStandIn
    KustomerStandIn standIn;

    @Inject
    InMemoryDeclaredAttributes declaredAttributes;

    /** Declaring attributes has tests of its own (DeclaringKlassAttributesTest, DeclaringCustomerAttributesTest); here Kustomer knows them. */
    @BeforeEach
    void forgetEarlierRequests() {
        standIn.reset();
        declaredAttributes.record(AttributeOwner.klass(new KlassName("Customer_Preferences")),
                Changes.SEED_ATTRIBUTES);
        declaredAttributes.record(AttributeOwner.CUSTOMER, Changes.CUSTOMER_ATTRIBUTES);
    }

    @Test
    void deliversNoteToConversationWithBearerKey() {
        Operation note = anOperation(Changes.seedNote()).build();

        Delivery delivery = kustomer.deliver(note, DeliveryJournal.inMemory());

        assertThat(delivered(delivery)).singleElement().asString().matches(OBJECT_ID);
        standIn.server().verify(1, postRequestedFor(urlEqualTo("/v1/conversations/conv_12345abc/notes"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"body\":\"Customer called about a billing question.\","
                        + "\"externalId\":\"" + note.externalId() + "\"}")));
        assertThat(standIn.server().getAllServeEvents()).hasSize(1);
    }

    @Test
    void recordsEachRequestAsAnExchangeWithoutTheApiKey() {
        Operation note = anOperation(Changes.seedNote()).build();

        Delivery delivery = kustomer.deliver(note, DeliveryJournal.inMemory());

        KustomerExchange exchange = delivery.exchanges().get(0);
        assertThat(delivery.exchanges()).hasSize(1);
        assertThat(exchange.method()).isEqualTo("POST");
        assertThat(exchange.path()).isEqualTo("/v1/conversations/conv_12345abc/notes");
        assertThat(exchange.requestBody()).contains(
                "{\"body\":\"Customer called about a billing question.\",\"externalId\":\"" + note.externalId() + "\"}");
        assertThat(exchange.status()).contains(201);
        assertThat(exchange.responseBody()).hasValueSatisfying(body -> assertThat(body).contains("\"data\""));
        assertThat(exchange.toString()).doesNotContain(KustomerStandIn.API_KEY);
    }

    @Test
    void createsKlassWithoutSendingTheDescriptionKustomerHasNoFieldFor() {
        Delivery delivery = kustomer.deliver(anOperation(Changes.seedKlass()).build(), DeliveryJournal.inMemory());

        assertThat(delivered(delivery)).singleElement().asString().matches(OBJECT_ID);
        standIn.server().verify(1, postRequestedFor(urlEqualTo("/v1/klasses"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(
                        "{\"name\":\"Customer_Preferences\",\"displayName\":\"Customer Preferences\",\"icon\":\"star\"}")));
    }

    @Test
    void createsSeedCustomObjectWithTypedCustomAttributesInOneRequest() {
        Operation seed = anOperation(Changes.seedObject()).build();

        Delivery delivery = kustomer.deliver(seed, DeliveryJournal.inMemory());

        assertThat(delivered(delivery)).singleElement().asString().matches(OBJECT_ID);
        standIn.server().verify(1, postRequestedFor(urlEqualTo("/v1/klasses/Customer_Preferences"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"title\":\"John Smith Preferences\",\"externalId\":\""
                        + seed.externalId(0) + "\",\"customer\":\"cust_abc123\",\"custom\":"
                        + SEED_CUSTOM + "}")));
        assertThat(standIn.server().getAllServeEvents()).hasSize(1);
        // the exact bytes: attribute order kept, 8.5 written as the caller wrote it
        assertThat(delivery.exchanges().get(0).requestBody()).hasValueSatisfying(body -> assertThat(body).contains(
                "\"custom\":{\"preferredContactMethodStr\":\"email\",\"productInterestScoreNum\":8.5,"
                        + "\"lastInteractionDateAt\":\"2024-01-15T00:00:00Z\",\"isPremiumCustomerBool\":true}"));
    }

    @Test
    void updatesCustomerDataWithPatchOfOnlyTheGivenAttributes() {
        Delivery delivery = kustomer.deliver(anOperation(Changes.seedCustomerUpdate()).build(), DeliveryJournal.inMemory());

        assertThat(delivered(delivery)).containsExactly("cust_abc123");
        standIn.server().verify(1, patchRequestedFor(urlEqualTo("/v1/customers/cust_abc123"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"custom\":{\"loyaltyTierStr\":\"gold\",\"lifetimeValueNum\":1234.50}}")));
        assertThat(delivery.exchanges().get(0).requestBody())
                .contains("{\"custom\":{\"loyaltyTierStr\":\"gold\",\"lifetimeValueNum\":1234.50}}");
    }

    @Test
    void creates250ObjectsWithThreeBulkRequestsAndNineRequestsInAll() {
        Operation objects = anOperation(Changes.manyObjects(250)).build();

        Delivery delivery = kustomer.deliver(objects, DeliveryJournal.inMemory());

        List<String> ids = delivered(delivery);
        assertThat(ids).hasSize(250).doesNotHaveDuplicates().allMatch(id -> id.matches(OBJECT_ID));
        List<LoggedRequest> bulkPosts = standIn.server().findAll(
                postRequestedFor(urlEqualTo("/v1/klasses/Customer_Preferences/bulk"))
                        .withHeader("Authorization", equalTo(BEARER))
                        .withHeader("Content-Type", equalTo("application/json")));
        assertThat(bulkPosts).hasSize(3);
        assertThat(standIn.server().findAll(anyRequestedFor(anyUrl()))).hasSizeLessThanOrEqualTo(9);
        assertThat(delivery.exchanges()).hasSizeLessThanOrEqualTo(9);
        assertThat(standIn.server().findAll(getRequestedFor(urlPathMatching("/v1/bulk/" + OBJECT_ID + "/batches"))))
                .hasSize(3);
    }

    @Test
    void returnsBulkCreatedIdsInTheCallersOrder() {
        Operation objects = anOperation(Changes.manyObjects(250)).build();

        List<String> ids = delivered(kustomer.deliver(objects, DeliveryJournal.inMemory()));

        for (int index : new int[] {0, 99, 100, 199, 249}) {
            try (var found = api.objectByExternalId(BEARER, "Customer_Preferences", objects.externalId(index))) {
                assertThat(found.getStatus()).isEqualTo(200);
                assertThat(found.readEntity(String.class)).contains("\"id\":\"" + ids.get(index) + "\"");
            }
        }
    }

    @Test
    void sendsEachBulkObjectWithItsOwnExternalIdAndCustomAttributes() {
        Operation objects = anOperation(Changes.manyObjects(2)).build();

        kustomer.deliver(objects, DeliveryJournal.inMemory());

        standIn.server().verify(1, postRequestedFor(urlEqualTo("/v1/klasses/Customer_Preferences/bulk"))
                .withRequestBody(equalToJson("[{\"title\":\"Preferences 0\",\"externalId\":\"" + objects.externalId(0)
                        + "\",\"customer\":\"cust_0\",\"custom\":{\"productInterestScoreNum\":0}},"
                        + "{\"title\":\"Preferences 1\",\"externalId\":\"" + objects.externalId(1)
                        + "\",\"customer\":\"cust_1\",\"custom\":{\"productInterestScoreNum\":1}}]")));
    }

    @Test
    void pollsABulkJobUntilKustomerSaysItIsComplete() {
        standIn.server().stubFor(post(urlEqualTo("/v1/klasses/Customer_Preferences/bulk")).willReturn(okJson(201,
                "{\"data\":{\"id\":\"job3\",\"attributes\":{\"status\":\"pending\",\"completed\":false}}}")));
        standIn.server().stubFor(get(urlEqualTo("/v1/bulk/job3")).inScenario("job3").whenScenarioStateIs(STARTED)
                .willSetStateTo("running").willReturn(okJson(200, "{\"data\":{\"id\":\"job3\",\"attributes\":{\"status\":\"running\"}}}")));
        standIn.server().stubFor(get(urlEqualTo("/v1/bulk/job3")).inScenario("job3").whenScenarioStateIs("running")
                .willReturn(okJson(200, "{\"data\":{\"id\":\"job3\",\"attributes\":{\"completed\":true}}}")));
        standIn.server().stubFor(get(urlEqualTo("/v1/bulk/job3/batches")).willReturn(okJson(200,
                "{\"data\":[{\"attributes\":{\"objectIds\":[\"aaaaaaaaaaaaaaaaaaaaaaaa\",\"bbbbbbbbbbbbbbbbbbbbbbbb\"]}}]}")));

        Delivery delivery = kustomer.deliver(anOperation(Changes.manyObjects(2)).build(), DeliveryJournal.inMemory());

        assertThat(delivered(delivery)).containsExactly("aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb");
        standIn.server().verify(2, getRequestedFor(urlEqualTo("/v1/bulk/job3"))
                .withHeader("Authorization", equalTo(BEARER)));
        assertThat(delivery.exchanges()).extracting(KustomerExchange::path).containsExactly(
                "/v1/klasses/Customer_Preferences/bulk", "/v1/bulk/job3", "/v1/bulk/job3", "/v1/bulk/job3/batches");
    }

    @Test
    void findsTheObjectAnEarlierTryCreatedInsteadOfCreatingItTwice() {
        Operation seed = anOperation(Changes.seedObject()).build();
        List<String> first = delivered(kustomer.deliver(seed, DeliveryJournal.inMemory()));
        standIn.server().resetRequests();

        Delivery retry = kustomer.deliver(OperationBuilder.from(seed).retrying(1, Instant.now()).build(), DeliveryJournal.inMemory());

        assertThat(delivered(retry)).isEqualTo(first);
        standIn.server().verify(1, getRequestedFor(
                urlEqualTo("/v1/klasses/Customer_Preferences/externalId=" + seed.externalId(0)))
                .withHeader("Authorization", equalTo(BEARER)));
        standIn.server().verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void createsTheObjectOnRetryWhenTheLookupFindsNone() {
        Operation seed = OperationBuilder.from(anOperation(Changes.seedObject()).build()).retrying(2, Instant.now()).build();

        Delivery delivery = kustomer.deliver(seed, DeliveryJournal.inMemory());

        assertThat(delivered(delivery)).hasSize(1);
        assertThat(delivery.exchanges()).extracting(KustomerExchange::method, KustomerExchange::status)
                .containsExactly(tuple("GET", Optional.of(404)), tuple("POST", Optional.of(201)));
    }

    @Test
    void aBulkJobRecordedInTheJournalIsFollowedNotSubmittedAgain() {
        Operation objects = anOperation(Changes.manyObjects(150)).build();
        DeliveryJournal journal = DeliveryJournal.inMemory();
        List<String> first = delivered(kustomer.deliver(objects, journal));
        standIn.server().resetRequests();

        Delivery afterCrash = kustomer.deliver(objects.claimed().claimed(), journal);

        assertThat(delivered(afterCrash)).isEqualTo(first);
        standIn.server().verify(0, postRequestedFor(anyUrl()));
        standIn.server().verify(2, getRequestedFor(urlPathMatching("/v1/bulk/[^/]+/batches")));
    }

    @Test
    void aBulkChunkSubmittedWithoutARecordIsLookedUpAndOnlyWhatIsMissingIsCreated() {
        Operation objects = anOperation(Changes.manyObjects(3)).build();
        // An earlier try created the first object, then died before anything was recorded.
        try (var created = api.createObject(BEARER, "Customer_Preferences",
                "{\"title\":\"Preferences 0\",\"externalId\":\"" + objects.externalId(0) + "\"}")) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        standIn.server().resetRequests();

        Delivery afterCrash = kustomer.deliver(objects.claimed().claimed(), DeliveryJournal.inMemory());

        assertThat(delivered(afterCrash)).hasSize(3).doesNotHaveDuplicates();
        standIn.server().verify(3, getRequestedFor(urlPathMatching("/v1/klasses/Customer_Preferences/externalId=.*")));
        List<LoggedRequest> posts = standIn.server().findAll(
                postRequestedFor(urlEqualTo("/v1/klasses/Customer_Preferences/bulk")));
        assertThat(posts).singleElement().extracting(LoggedRequest::getBodyAsString).asString()
                .doesNotContain(objects.externalId(0) + "\"")
                .contains(objects.externalId(1) + "\"", objects.externalId(2) + "\"");
    }

    @Test
    void aKlassAnEarlierTryCreatedIsFoundByItsName() {
        Operation klass = anOperation(Changes.seedKlass()).build();
        List<String> first = delivered(kustomer.deliver(klass, DeliveryJournal.inMemory()));

        Delivery afterCrash = kustomer.deliver(klass.claimed().claimed(), DeliveryJournal.inMemory());

        assertThat(delivered(afterCrash)).isEqualTo(first);
        assertThat(standIn.creations()).containsEntry("klass:" + ((CreateKlass) klass.change()).name().value(), 1);
    }

    @Test
    void aKlassNameTakenOnAFirstTryIsAFailure() {
        Operation klass = anOperation(Changes.seedKlass()).build();
        kustomer.deliver(klass, DeliveryJournal.inMemory());

        DeliveryOutcome outcome = kustomer.deliver(anOperation(Changes.seedKlass()).build(), DeliveryJournal.inMemory()).outcome();

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(outcome.failureIfAny().orElseThrow().code()).isEqualTo("conflict");
    }

    @Test
    void firstTryCreatesWithoutLookingUp() {
        kustomer.deliver(anOperation(Changes.seedObject()).build(), DeliveryJournal.inMemory());

        standIn.server().verify(0, getRequestedFor(anyUrl()));
        standIn.server().verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void encodesPathSegments() {
        try (var answer = api.addNote(BEARER, "a b/c?d", "{\"body\":\"x\"}")) {
            assertThat(answer.getStatus()).isEqualTo(201);
        }

        standIn.server().verify(postRequestedFor(urlEqualTo("/v1/conversations/a%20b%2Fc%3Fd/notes")));
    }

    private static ResponseDefinitionBuilder okJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static List<String> delivered(Delivery delivery) {
        assertThat(delivery.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
        return ((DeliveryOutcome.Delivered) delivery.outcome()).remoteIds();
    }
}
