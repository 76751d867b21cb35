package com.kustomergateway.domain.change;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Violation;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeValue;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.customerprofile.CustomerId;
import com.kustomergateway.domain.customobject.CustomObject;
import com.kustomergateway.domain.customobject.CustomObjectDraft;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CreateCustomObjectsTest {

    static final List<KeyValue> SEED_FIELD_TYPES = List.of(
            new KeyValue("preferred_contact_method", "str"),
            new KeyValue("product_interest_score", "num"),
            new KeyValue("last_interaction_date", "date"),
            new KeyValue("is_premium_customer", "bool"));

    static CustomObjectDraft seedObject() {
        return new CustomObjectDraft("John Smith Preferences", "cust_abc123", List.of(
                new KeyValue("preferred_contact_method", "email"),
                new KeyValue("product_interest_score", "8.5"),
                new KeyValue("last_interaction_date", "2024-01-15"),
                new KeyValue("is_premium_customer", "true")));
    }

    @Test
    void theSeedExampleBecomesTypedKustomerAttributes() {
        CreateCustomObjects change = CreateCustomObjects.of("Customer_Preferences", List.of(seedObject()), SEED_FIELD_TYPES);

        CustomObject object = change.objects().get(0);
        assertThat(change.klass().value()).isEqualTo("Customer_Preferences");
        assertThat(object.title().value()).isEqualTo("John Smith Preferences");
        assertThat(object.customer()).contains(new CustomerId("cust_abc123"));
        assertThat(object.attributes().values()).containsExactly(
                entry(new AttributeName("preferredContactMethodStr"), new AttributeValue.TextValue("email")),
                entry(new AttributeName("productInterestScoreNum"), new AttributeValue.NumberValue(new BigDecimal("8.5"))),
                entry(new AttributeName("lastInteractionDateAt"),
                        new AttributeValue.DateTimeValue(Instant.parse("2024-01-15T00:00:00Z"))),
                entry(new AttributeName("isPremiumCustomerBool"), new AttributeValue.BooleanValue(true)));
        assertThat(change.resource()).isEqualTo(new ResourceKey("klass", "Customer_Preferences"));
    }

    @Test
    void anEmptyCustomerIdMeansNoCustomer() {
        CustomObjectDraft draft = new CustomObjectDraft("Loose object", "", List.of());
        CreateCustomObjects change = CreateCustomObjects.of("Things", List.of(draft), List.of());
        assertThat(change.objects().get(0).customer()).isEqualTo(Optional.empty());
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        CustomObjectDraft bad = new CustomObjectDraft("", "cust abc", List.of(
                new KeyValue("product_interest_score", "8,5"),
                new KeyValue("favourite_colour", "blue"),
                new KeyValue("is_premium_customer", "yes")));

        assertThatThrownBy(() -> CreateCustomObjects.of("Customer_Preferences", List.of(seedObject(), bad), SEED_FIELD_TYPES))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).violations())
                .asList()
                .extracting(v -> ((Violation) v).code() + "@" + ((Violation) v).field())
                .containsExactly(
                        "TITLE_REQUIRED@objects[1].title",
                        "INVALID_ID@objects[1].customerId",
                        "VALUE_NOT_A_NUMBER@objects[1].data[0].value",
                        "UNKNOWN_FIELD_TYPE_KEY@objects[1].data[1].key",
                        "VALUE_NOT_A_BOOLEAN@objects[1].data[2].value");
    }

    @Test
    void fieldTypesMustBeKnownAndDeclaredOnce() {
        List<KeyValue> types = List.of(new KeyValue("score", "number"), new KeyValue("tier", "str"),
                new KeyValue("tier", "txt"));
        assertThatThrownBy(() -> CreateCustomObjects.of("K", List.of(seedObject()), types))
                .extracting(e -> ((InvalidInputException) e).violations())
                .asList()
                .extracting(v -> ((Violation) v).code() + "@" + ((Violation) v).field())
                .containsExactly("INVALID_FIELD_TYPE@fieldTypes[0].value", "DUPLICATE_KEY@fieldTypes[2].key");
    }

    @Test
    void keysThatCollideAfterCamelCaseAreRefused() {
        CustomObjectDraft draft = new CustomObjectDraft("t", "", List.of(
                new KeyValue("loyalty_tier", "gold"), new KeyValue("loyaltyTier", "silver")));
        List<KeyValue> types = List.of(new KeyValue("loyalty_tier", "str"), new KeyValue("loyaltyTier", "str"));
        assertThatThrownBy(() -> CreateCustomObjects.of("K", List.of(draft), types))
                .extracting(e -> ((InvalidInputException) e).violations().get(0))
                .isEqualTo(new Violation(ErrorCode.ATTRIBUTE_NAME_COLLISION, "objects[0].data[1].key",
                        "'loyaltyTier' and 'loyalty_tier' both become the Kustomer attribute loyaltyTierStr"));
    }

    @Test
    void aCallCreatesBetweenOneAndAThousandObjects() {
        assertThatThrownBy(() -> CreateCustomObjects.of("K", List.of(), List.of()))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(ErrorCode.NO_OBJECTS);
        List<CustomObjectDraft> many = new ArrayList<>();
        for (int i = 0; i < CreateCustomObjects.MAX_OBJECTS + 1; i++) {
            many.add(new CustomObjectDraft("o" + i, "", List.of()));
        }
        assertThatThrownBy(() -> CreateCustomObjects.of("K", many, List.of()))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(ErrorCode.TOO_MANY_OBJECTS);
        assertThat(CreateCustomObjects.of("K", many.subList(0, 1000), List.of()).objects()).hasSize(1000);
    }

    @Test
    void anObjectHoldsAtMostAHundredAttributes() {
        List<KeyValue> data = new ArrayList<>();
        List<KeyValue> types = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            data.add(new KeyValue("field_" + i, "v"));
            types.add(new KeyValue("field_" + i, "str"));
        }
        assertThatThrownBy(() -> CreateCustomObjects.of("K", List.of(new CustomObjectDraft("t", "", data)), types))
                .extracting(e -> ((InvalidInputException) e).violations().get(0))
                .extracting(Violation::code, Violation::field)
                .containsExactly(ErrorCode.TOO_MANY_ATTRIBUTES, "objects[0].data");
        assertThat(CreateCustomObjects.of("K", List.of(new CustomObjectDraft("t", "", data.subList(0, 100))), types)
                .objects().get(0).attributes().size()).isEqualTo(100);
    }

    @Test
    void klassNamesFollowKustomersPattern() {
        assertThatThrownBy(() -> CreateCustomObjects.of("Customer Preferences", List.of(seedObject()), SEED_FIELD_TYPES))
                .extracting(e -> ((InvalidInputException) e).violations().get(0))
                .extracting(Violation::code, Violation::field)
                .containsExactly(ErrorCode.INVALID_KLASS_NAME, "klassName");
    }
}
