package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.change.AttributeName;
import com.kustomergateway.domain.change.KlassName;
import com.kustomergateway.domain.port.DeclaredAttributes;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** This module's tests have no database: what the adapter declared is remembered here. */
@ApplicationScoped
public class InMemoryDeclaredAttributes implements DeclaredAttributes {

    private final Map<KlassName, Set<AttributeName>> declared = new ConcurrentHashMap<>();

    @Override
    public Set<AttributeName> of(KlassName klass) {
        return Set.copyOf(declared.getOrDefault(klass, Set.of()));
    }

    @Override
    public void record(KlassName klass, Collection<AttributeName> attributes) {
        declared.computeIfAbsent(klass, k -> ConcurrentHashMap.newKeySet()).addAll(attributes);
    }

    void forget() {
        declared.clear();
    }
}
