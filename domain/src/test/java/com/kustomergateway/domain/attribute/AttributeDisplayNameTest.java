package com.kustomergateway.domain.attribute;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeDisplayNameTest {

    @Test
    void anAttributeIsLabelledWithItsWordsWithoutTheTypeSuffix() {
        assertThat(AttributeName.of("preferred_contact_method", FieldType.STR).displayName())
                .isEqualTo("Preferred Contact Method");
        assertThat(AttributeName.of("last_interaction_date", FieldType.DATE).displayName())
                .isEqualTo("Last Interaction Date");
        assertThat(AttributeName.of("is_premium_customer", FieldType.BOOL).displayName())
                .isEqualTo("Is Premium Customer");
    }

    @Test
    void digitsStartAWordOfTheirOwn() {
        assertThat(new AttributeName("address2LineStr").displayName()).isEqualTo("Address 2 Line");
    }

    @Test
    void aOneWordAttributeIsCapitalised() {
        assertThat(new AttributeName("scoreNum").displayName()).isEqualTo("Score");
    }
}
