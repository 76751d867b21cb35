package com.kustomergateway.domain.attribute;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeNameTest {

    @ParameterizedTest(name = "{0} typed {1} is {2}")
    @CsvSource({
            "preferred_contact_method, STR, preferredContactMethodStr",
            "product_interest_score, NUM, productInterestScoreNum",
            "last_interaction_date, DATE, lastInteractionDateAt",
            "is_premium_customer, BOOL, isPremiumCustomerBool",
            "notes, TXT, notesTxt",
            "homepage, URL, homepageUrl",
            "loyaltyTier, STR, loyaltyTierStr",
            "Loyalty_Tier, STR, loyaltyTierStr",
            "order-total, NUM, orderTotalNum",
            "visits_2024, NUM, visits2024Num",
            "renewalAt, DATE, renewalAt",
            "nicknameStr, STR, nicknameStr"})
    void keysBecomeCamelCaseWithTheirTypesSuffix(String key, FieldType type, String expected) {
        assertThat(AttributeName.of(key, type).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "loyalty_tier, loyaltyTierStr, STR",
            "lifetimeValueNum, lifetimeValueNum, NUM",
            "last_seen_at, lastSeenAt, DATE",
            "vip_bool, vipBool, BOOL",
            "format, formatStr, STR",
            "at, atStr, STR"})
    void customerKeysAreStringsUnlessTheyCarryASuffix(String key, String name, FieldType type) {
        AttributeName attribute = AttributeName.inferredFrom(key);
        assertThat(attribute.value()).isEqualTo(name);
        assertThat(attribute.type()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2fa_enabled", "prix_€", "a.b", "name;drop", "_", "__", "ключ", "emoji_🙂"})
    void keysThatCannotNameAKustomerAttributeAreRefused(String key) {
        assertThatThrownBy(() -> AttributeName.of(key, FieldType.STR))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo(ErrorCode.INVALID_ATTRIBUTE_KEY);
    }

    @Test
    void blankKeyIsMissing() {
        assertThatThrownBy(() -> AttributeName.of("  ", FieldType.STR))
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo(ErrorCode.REQUIRED_VALUE_MISSING);
    }

    @Test
    void referenceNamesAreNotBuiltByTheGateway() {
        assertThat(AttributeName.inferredFrom("account_id").value()).isEqualTo("accountIdStr");
        assertThatThrownBy(() -> new AttributeName("accountId")).isInstanceOf(InvalidInputException.class);
    }
}
