package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.customobject.CustomObjectDraft;
import com.kustomergateway.domain.klass.KlassName;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.KustomerPort.Delivery;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.testing.Changes;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.kustomergateway.testing.OperationBuilder.anOperation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Custom objects' typed attributes are declared on their Klass through the API, once, before the objects, unless
 * Kustomer has them already. The rule is the customer's too (DeclaringCustomerAttributesTest).
 */
@QuarkusTest
@TestProfile(AdapterTestProfile.class)
@QuarkusTestResource(KustomerStandInResource.class)
class DeclaringKlassAttributesTest {

    @Inject
    KustomerPort kustomer;

    @Inject
    InMemoryDeclaredAttributes declaredAttributes;

    @InjectKustomerStandIn
    KustomerStandIn standIn;

    private String klass;

    @BeforeEach
    void aKlassWithNoDeclaredAttributes() {
        standIn.reset();
        klass = "Prefs_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void declaresEachTypedAttributeWithADisplayNameBeforeTheFirstObject() {
        Delivery delivery = kustomer.deliver(seedObject(), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(delivery.exchanges()).extracting(KustomerExchange::method, KustomerExchange::path).containsExactly(
                tuple("GET", "/v1/metadata/kobject." + klass), tuple("PUT", "/v1/metadata/kobject." + klass),
                tuple("POST", "/v1/klasses/" + klass));
        standIn.server().verify(1, putRequestedFor(urlEqualTo("/v1/metadata/kobject." + klass))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"properties": {
                          "preferredContactMethodStr": {"displayName": "Preferred Contact Method"},
                          "productInterestScoreNum": {"displayName": "Product Interest Score"},
                          "lastInteractionDateAt": {"displayName": "Last Interaction Date"},
                          "isPremiumCustomerBool": {"displayName": "Is Premium Customer"}}}""")));
        assertThat(declaredAttributes.of(owner())).containsExactlyInAnyOrderElementsOf(Changes.SEED_ATTRIBUTES);
    }

    @Test
    void declaresAnAttributeOnlyOnce() {
        kustomer.deliver(seedObject(), DeliveryJournal.inMemory());

        kustomer.deliver(seedObject(), DeliveryJournal.inMemory());

        standIn.server().verify(1, getRequestedFor(urlPathMatching("/v1/metadata/.*")));
        standIn.server().verify(1, putRequestedFor(urlPathMatching("/v1/metadata/.*")));
        standIn.server().verify(2, postRequestedFor(urlEqualTo("/v1/klasses/" + klass)));
    }

    @Test
    void declaresOnlyTheAttributesTheKlassDoesNotHaveYet() {
        declaredAttributes.record(owner(), List.of(new AttributeName("preferredContactMethodStr"),
                new AttributeName("productInterestScoreNum"), new AttributeName("lastInteractionDateAt")));

        kustomer.deliver(seedObject(), DeliveryJournal.inMemory());

        standIn.server().verify(1, putRequestedFor(urlEqualTo("/v1/metadata/kobject." + klass))
                .withRequestBody(equalToJson(
                        "{\"properties\": {\"isPremiumCustomerBool\": {\"displayName\": \"Is Premium Customer\"}}}")));
    }

    @Test
    void declaresTheAttributesOfEveryObjectOfABulkCreation() {
        List<CustomObjectDraft> drafts = IntStream.range(0, 150)
                .mapToObj(i -> new CustomObjectDraft("Object " + i, null,
                        List.of(new KeyValue(i < 100 ? "score" : "rank", Integer.toString(i)))))
                .toList();

        Delivery delivery = kustomer.deliver(anOperation(CreateCustomObjects.of(klass, drafts,
                List.of(new KeyValue("score", "num"), new KeyValue("rank", "num")))).build(), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(declaredAttributes.of(owner()))
                .containsExactlyInAnyOrder(new AttributeName("scoreNum"), new AttributeName("rankNum"));
    }

    @Test
    void aRefusedDeclarationStopsTheDeliveryBeforeAnyObjectAndIsNotRemembered() {
        standIn.server().stubFor(put(urlPathMatching("/v1/metadata/.*")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"bad_request\",\"message\":\"invalid metadata\"}]}")));

        Delivery delivery = kustomer.deliver(seedObject(), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                rejected -> assertThat(rejected.failure().message()).contains("invalid metadata"));
        standIn.server().verify(0, postRequestedFor(urlPathMatching(".*")));
        assertThat(declaredAttributes.of(owner())).isEmpty();
    }

    @Test
    void keepsTheDisplayNamesTheOrgGaveAttributesOfTheKlass() {
        standIn.defineAttribute("kobject." + klass, "preferredContactMethodStr", "How To Reach Them");

        kustomer.deliver(seedObject(), DeliveryJournal.inMemory());

        standIn.server().verify(1, putRequestedFor(urlEqualTo("/v1/metadata/kobject." + klass))
                .withRequestBody(equalToJson("""
                        {"properties": {
                          "productInterestScoreNum": {"displayName": "Product Interest Score"},
                          "lastInteractionDateAt": {"displayName": "Last Interaction Date"},
                          "isPremiumCustomerBool": {"displayName": "Is Premium Customer"}}}""")));
        assertThat(standIn.metadata("kobject." + klass).orElseThrow().path("preferredContactMethodStr")
                .path("displayName").asText()).isEqualTo("How To Reach Them");
        assertThat(declaredAttributes.of(owner())).containsExactlyInAnyOrderElementsOf(Changes.SEED_ATTRIBUTES);
    }

    private AttributeOwner owner() {
        return AttributeOwner.klass(new KlassName(klass));
    }

    private Operation seedObject() {
        return anOperation(CreateCustomObjects.of(klass,
                List.of(new CustomObjectDraft("John Smith Preferences", "cust_abc123", Changes.SEED_DATA)),
                Changes.SEED_FIELD_TYPES)).build();
    }
}
