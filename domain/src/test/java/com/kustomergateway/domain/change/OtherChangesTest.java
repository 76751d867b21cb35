package com.kustomergateway.domain.change;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Violation;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeValue;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.klass.KlassName;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Notes, Klasses and customer data: the seed's examples, and the limits Kustomer sets on each. */
class OtherChangesTest {

    @Test
    void theSeedNoteIsAnInternalNoteOnItsConversation() {
        AddNote note = AddNote.of("conv_12345abc", "Customer showed interest in premium features.", true);
        assertThat(note.conversation().value()).isEqualTo("conv_12345abc");
        assertThat(note.resource()).hasToString("conversation:conv_12345abc");
    }

    @Test
    void aNoteHoldsOneTo10240Characters() {
        assertThat(AddNote.of("c1", "x".repeat(10_240), true).body().value()).hasSize(10_240);
        assertThat(AddNote.of("c1", "🙂".repeat(10_240), true).body().value()).hasSize(20_480);
        assertThat(codes(() -> AddNote.of("c1", "x".repeat(10_241), true))).containsExactly("NOTE_TOO_LONG@noteBody");
        assertThat(codes(() -> AddNote.of("c1", " \n ", true))).containsExactly("NOTE_EMPTY@noteBody");
    }

    @Test
    void aCustomerVisibleNoteIsRefusedAlongsideOtherProblems() {
        assertThat(codes(() -> AddNote.of("", "body", false)))
                .containsExactly("REQUIRED_VALUE_MISSING@conversationId", "NOTE_MUST_BE_INTERNAL@isInternal");
    }

    @Test
    void theSeedKlassKeepsItsDescriptionAndIcon() {
        CreateKlass klass = CreateKlass.of("Purchase_History", "Customer Purchase History",
                "Tracks customer purchase patterns", "shopping-cart");
        assertThat(klass.icon()).contains("shopping-cart");
        assertThat(klass.description()).isEqualTo("Tracks customer purchase patterns");
        assertThat(CreateKlass.of("K", "K", "", "").icon()).isEqualTo(Optional.empty());
    }

    @Test
    void klassFieldsKeepKustomersLimits() {
        assertThat(codes(() -> CreateKlass.of("bad name!", "", "d", "i".repeat(65))))
                .containsExactly("INVALID_KLASS_NAME@name", "INVALID_DISPLAY_NAME@displayName", "ICON_TOO_LONG@icon");
        assertThat(codes(() -> CreateKlass.of("k".repeat(256), "x".repeat(256), "", "")))
                .containsExactly("INVALID_KLASS_NAME@name", "INVALID_DISPLAY_NAME@displayName");
        assertThat(CreateKlass.of("k".repeat(255), "x".repeat(255), "", "i".repeat(64)).name().value()).hasSize(255);
    }

    @Test
    void theSeedPersonalizationDataBecomesStringAttributes() {
        UpdateCustomerData update = UpdateCustomerData.of("cust_abc123", List.of(
                new KeyValue("communication_preference", "email_only"),
                new KeyValue("preferred_language", "spanish"),
                new KeyValue("loyalty_tier", "gold"),
                new KeyValue("last_purchase_category", "electronics"),
                new KeyValue("support_priority_level", "high")));
        assertThat(update.attributes().values()).containsExactly(
                entry(new AttributeName("communicationPreferenceStr"), new AttributeValue.TextValue("email_only")),
                entry(new AttributeName("preferredLanguageStr"), new AttributeValue.TextValue("spanish")),
                entry(new AttributeName("loyaltyTierStr"), new AttributeValue.TextValue("gold")),
                entry(new AttributeName("lastPurchaseCategoryStr"), new AttributeValue.TextValue("electronics")),
                entry(new AttributeName("supportPriorityLevelStr"), new AttributeValue.TextValue("high")));
    }

    @Test
    void aSuffixedCustomerKeyIsReadAsItsType() {
        UpdateCustomerData update = UpdateCustomerData.of("c", List.of(new KeyValue("lifetimeValueNum", "12.5")));
        assertThat(update.attributes().values().get(new AttributeName("lifetimeValueNum")))
                .isEqualTo(new AttributeValue.NumberValue(new java.math.BigDecimal("12.5")));
        assertThat(codes(() -> UpdateCustomerData.of("c", List.of(new KeyValue("lifetimeValueNum", "lots")))))
                .containsExactly("VALUE_NOT_A_NUMBER@personalizationData[0].value");
    }

    @Test
    void customerDataNeedsAtLeastOnePairAndNoCollisions() {
        assertThat(codes(() -> UpdateCustomerData.of("c", List.of()))).containsExactly(
                "NO_PERSONALIZATION_DATA@personalizationData");
        assertThat(codes(() -> UpdateCustomerData.of("c", List.of(new KeyValue("loyalty_tier", "gold"),
                new KeyValue("loyaltyTier", "silver"), new KeyValue("loyalty_tier", "bronze")))))
                .containsExactly("ATTRIBUTE_NAME_COLLISION@personalizationData[1].key",
                        "DUPLICATE_KEY@personalizationData[2].key");
    }

    @Test
    void idsCannotChangeTheMeaningOfAPath() {
        assertThat(codes(() -> UpdateCustomerData.of("../admin", List.of(new KeyValue("a", "b")))))
                .containsExactly("INVALID_ID@customerId");
        assertThat(codes(() -> AddNote.of("c?x=1", "b", true))).containsExactly("INVALID_ID@conversationId");
    }

    static List<String> codes(Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            return e.violations().stream().map(v -> v.code() + "@" + v.field()).toList();
        }
        throw new AssertionError("expected the input to be refused");
    }

    @Test
    void aViolationNamesItsCode() {
        assertThatThrownBy(() -> new KlassName(""))
                .extracting(e -> ((InvalidInputException) e).violations().get(0))
                .isEqualTo(new Violation(ErrorCode.REQUIRED_VALUE_MISSING, "", "a Klass name is required"));
    }
}
