package com.kustomergateway.domain.port;

import com.kustomergateway.domain.change.AttributeName;
import com.kustomergateway.domain.change.KlassName;

import java.util.Collection;
import java.util.Set;

/** The custom attributes the gateway has declared on each Klass in Kustomer, so each is declared once. */
public interface DeclaredAttributes {

    Set<AttributeName> of(KlassName klass);

    /** Notes that Kustomer now knows these attributes of the Klass; noting one again changes nothing. */
    void record(KlassName klass, Collection<AttributeName> attributes);
}
