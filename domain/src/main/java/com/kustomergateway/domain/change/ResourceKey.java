package com.kustomergateway.domain.change;

import com.kustomergateway.domain.customerprofile.CustomerId;
import com.kustomergateway.domain.klass.KlassName;
import com.kustomergateway.domain.note.ConversationId;

import java.util.Objects;

/** Names one Kustomer resource (a conversation, a customer, a Klass) for ordering: {@code customer:cust_abc123}. */
public record ResourceKey(String type, String id) {

    public ResourceKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static ResourceKey conversation(ConversationId id) {
        return new ResourceKey("conversation", id.value());
    }

    public static ResourceKey customer(CustomerId id) {
        return new ResourceKey("customer", id.value());
    }

    public static ResourceKey klass(KlassName name) {
        return new ResourceKey("klass", name.value());
    }

    public static ResourceKey parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a resource key: " + text);
        }
        return new ResourceKey(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
