package com.kustomergateway.domain.attribute;

import com.kustomergateway.domain.klass.KlassName;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeOwnerTest {

    @Test
    void isNamedAsKustomersMetadataNamesIt() {
        assertThat(AttributeOwner.CUSTOMER.name()).isEqualTo("customer");
        assertThat(AttributeOwner.klass(new KlassName("Purchase_History")).name()).isEqualTo("kobject.Purchase_History");
    }

    @Test
    void aKlassCalledCustomerIsNotTheCustomer() {
        assertThat(AttributeOwner.klass(new KlassName("customer"))).isNotEqualTo(AttributeOwner.CUSTOMER);
    }

    @Test
    void isReadBackFromItsName() {
        assertThat(new AttributeOwner("kobject.Orders")).isEqualTo(AttributeOwner.klass(new KlassName("Orders")));
    }

    @Test
    void anythingElseIsNoOwner() {
        assertThatThrownBy(() -> new AttributeOwner("conversation")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttributeOwner("kobject.")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new AttributeOwner("kobject.a/b")).isInstanceOf(RuntimeException.class);
    }
}
