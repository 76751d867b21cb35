package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.port.DeclaredAttributes;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** This module's tests have no database: what the adapter declared is remembered here. */
@ApplicationScoped
public class InMemoryDeclaredAttributes implements DeclaredAttributes {

    private final Map<AttributeOwner, Set<AttributeName>> declared = new ConcurrentHashMap<>();

    @Override
    public Set<AttributeName> of(AttributeOwner owner) {
        return Set.copyOf(declared.getOrDefault(owner, Set.of()));
    }

    @Override
    public void record(AttributeOwner owner, Collection<AttributeName> attributes) {
        declared.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).addAll(attributes);
    }

    void forget() {
        declared.clear();
    }
}
