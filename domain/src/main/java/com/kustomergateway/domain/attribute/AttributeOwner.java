package com.kustomergateway.domain.attribute;

import com.kustomergateway.domain.klass.KlassName;

import java.util.Objects;

/**
 * What a custom attribute belongs to in Kustomer: every customer, or the objects of one custom Klass. Named as
 * Kustomer's metadata names it ({@code customer}, {@code kobject.<klass>}), the one place where that naming lives:
 * a Klass may itself be called {@code customer}, and stays apart from the customer.
 */
public record AttributeOwner(String name) {

    public static final AttributeOwner CUSTOMER = new AttributeOwner("customer");

    private static final String KLASS_PREFIX = "kobject.";

    public AttributeOwner {
        Objects.requireNonNull(name, "name");
        if (!name.equals("customer")) {
            if (!name.startsWith(KLASS_PREFIX)) {
                throw new IllegalArgumentException("not an attribute owner: " + name);
            }
            new KlassName(name.substring(KLASS_PREFIX.length()));
        }
    }

    public static AttributeOwner klass(KlassName klass) {
        return new AttributeOwner(KLASS_PREFIX + klass.value());
    }

    @Override
    public String toString() {
        return name;
    }
}
