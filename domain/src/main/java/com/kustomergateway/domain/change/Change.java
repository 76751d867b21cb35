package com.kustomergateway.domain.change;

/**
 * One write a caller asked the gateway to make in Kustomer. A change exists only when valid: each kind builds
 * itself from a caller's raw input with {@code of(...)}, which reports every broken rule at once.
 */
public sealed interface Change permits AddNote, CreateKlass, CreateCustomObjects, UpdateCustomerData {

    ChangeKind kind();

    /**
     * The Kustomer resource this change writes to. Changes to the same resource are delivered in the order they
     * were accepted; objects of a Klass share the Klass's key, so they wait for its creation.
     */
    ResourceKey resource();
}
