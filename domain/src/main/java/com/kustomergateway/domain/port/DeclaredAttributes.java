package com.kustomergateway.domain.port;

import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;

import java.util.Collection;
import java.util.Set;

/**
 * The custom attributes Kustomer is known to have on the customer and on each Klass, because the gateway declared
 * them or found them in Kustomer's metadata, so that each is declared at most once and never over an org's own.
 */
public interface DeclaredAttributes {

    Set<AttributeName> of(AttributeOwner owner);

    /** Notes that Kustomer now knows these attributes of the owner; noting one again changes nothing. */
    void record(AttributeOwner owner, Collection<AttributeName> attributes);
}
