package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customobject.CustomObjectDraft;
import com.kustomergateway.testing.Changes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodiesTest {

    @Test
    void writesSeedObjectWithAttributesInTheCallersOrderAndTypedValues() {
        CreateCustomObjects seed = CreateCustomObjects.of("Customer_Preferences",
                List.of(new CustomObjectDraft("John Smith Preferences", "cust_abc123", Changes.SEED_DATA)),
                Changes.SEED_FIELD_TYPES);

        assertThat(RequestBodies.object(seed.objects().get(0), "kgw-x-0")).isEqualTo(
                "{\"title\":\"John Smith Preferences\",\"externalId\":\"kgw-x-0\",\"customer\":\"cust_abc123\","
                        + "\"custom\":{\"preferredContactMethodStr\":\"email\",\"productInterestScoreNum\":8.5,"
                        + "\"lastInteractionDateAt\":\"2024-01-15T00:00:00Z\",\"isPremiumCustomerBool\":true}}");
    }

    @Test
    void leavesOutTheCustomerOfAnObjectThatHasNone() {
        CreateCustomObjects objects = CreateCustomObjects.of("Orders",
                List.of(new CustomObjectDraft("Order 1", null, List.of())), List.of());

        assertThat(RequestBodies.object(objects.objects().get(0), "kgw-x-0"))
                .isEqualTo("{\"title\":\"Order 1\",\"externalId\":\"kgw-x-0\",\"custom\":{}}");
    }

    @Test
    void writesNumbersExactlyAsTheCallerWroteThem() {
        UpdateCustomerData update = UpdateCustomerData.of("cust_1", List.of(
                new KeyValue("aNum", "0.1"), new KeyValue("bNum", "12345678901234567890.123456789"),
                new KeyValue("cNum", "-3")));

        assertThat(RequestBodies.customer(update)).isEqualTo(
                "{\"custom\":{\"aNum\":0.1,\"bNum\":12345678901234567890.123456789,\"cNum\":-3}}");
    }

    @Test
    void writesKlassWithoutIconWhenThereIsNone() {
        assertThat(RequestBodies.klass(CreateKlass.of("Orders", "Orders", "all orders", "")))
                .isEqualTo("{\"name\":\"Orders\",\"displayName\":\"Orders\"}");
    }
}
