package com.kustomergateway.adapters.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.port.DeclaredAttributes;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.kustomergateway.adapters.kustomer.KustomerRoute.DECLARE_ATTRIBUTES;
import static com.kustomergateway.adapters.kustomer.KustomerRoute.READ_ATTRIBUTE_METADATA;

/**
 * Makes sure Kustomer knows the custom attributes a change is about to write, on the customer or on a custom Klass,
 * before the change writes them. Kustomer labels an attribute it was not told about after its name, may not show it
 * in an agent's view, and may not accept it at all (its docs leave that open), so each new attribute is declared
 * with a readable display name, once. The first time a change names attributes the gateway does not know yet, it
 * reads the owner's metadata: those Kustomer has already (an admin's, another app's) are only recorded, so an org's
 * own display names are never overwritten; the rest are declared. Every request is part of the change's delivery
 * attempt, and a refusal stops the delivery before the change is sent, as any refused request does.
 */
@ApplicationScoped
class AttributeDeclarations {

    /** The most attributes Kustomer takes in one metadata declaration. */
    static final int DECLARATION_LIMIT = 100;

    private final DeclaredAttributes declaredAttributes;
    private final boolean enabled;
    /**
     * What this process already knows Kustomer has, so that a change naming only known attributes costs no query:
     * attributes are only ever added to the record, so the memory cannot contradict it.
     */
    private final Map<AttributeOwner, Set<AttributeName>> known = new ConcurrentHashMap<>();

    AttributeDeclarations(DeclaredAttributes declaredAttributes, KustomerCallSettings settings) {
        this.declaredAttributes = declaredAttributes;
        this.enabled = settings.declareAttributes();
    }

    /** Declares, on the owner, those of the attributes Kustomer does not have yet; off, does nothing. */
    void declareNew(AttributeOwner owner, Collection<AttributeName> used, DeliveryCalls calls) throws DeliveryStopped {
        if (!enabled) {
            return;
        }
        Set<AttributeName> unknown = new LinkedHashSet<>(used);
        unknown.removeAll(known(owner));
        if (unknown.isEmpty()) {
            return;
        }
        // Another instance, or this one before a restart, may have recorded them.
        Set<AttributeName> recorded = declaredAttributes.of(owner);
        known(owner).addAll(recorded);
        unknown.removeAll(recorded);
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> inKustomer = definedInKustomer(owner, calls);
        List<AttributeName> present = unknown.stream().filter(name -> inKustomer.contains(name.value())).toList();
        if (!present.isEmpty()) {
            record(owner, present);
        }
        List<AttributeName> undeclared = unknown.stream().filter(name -> !inKustomer.contains(name.value())).toList();
        for (int from = 0; from < undeclared.size(); from += DECLARATION_LIMIT) {
            List<AttributeName> chunk = undeclared.subList(from, Math.min(undeclared.size(), from + DECLARATION_LIMIT));
            String body = RequestBodies.attributeDeclarations(chunk);
            calls.expectSuccess(DECLARE_ATTRIBUTES.to(owner.name()), Optional.of(body),
                    (client, auth) -> client.declareAttributes(auth, owner.name(), body));
            record(owner, chunk);
        }
    }

    private Set<AttributeName> known(AttributeOwner owner) {
        return known.computeIfAbsent(owner, key -> ConcurrentHashMap.newKeySet());
    }

    private void record(AttributeOwner owner, List<AttributeName> attributes) {
        declaredAttributes.record(owner, attributes);
        known(owner).addAll(attributes);
    }

    /**
     * The names of the owner's attributes Kustomer has metadata for. A 404 (a Klass no attribute was declared on)
     * means none; an answer that cannot be read is tried again rather than taken as none, which could overwrite.
     */
    private static Set<String> definedInKustomer(AttributeOwner owner, DeliveryCalls calls) throws DeliveryStopped {
        Answer answer = calls.send(READ_ATTRIBUTE_METADATA.to(owner.name()), Optional.empty(),
                (client, auth) -> client.attributeMetadata(auth, owner.name()));
        if (answer.status() == 404) {
            return Set.of();
        }
        if (!answer.isSuccess()) {
            throw answer.stops();
        }
        JsonNode data = ResponseBodies.json(answer.body()).map(root -> root.path("data")).orElse(null);
        if (data == null || !data.isObject()) {
            throw new DeliveryStopped(new DeliveryOutcome.Transient(DeliveryFailure.http(answer.status(),
                    "unexpected_response", "Kustomer answered " + answer.status() + " without the metadata of "
                            + owner.name() + ", so the gateway cannot tell which attributes it has"),
                    Optional.empty()));
        }
        Set<String> names = new LinkedHashSet<>();
        data.path("attributes").path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
