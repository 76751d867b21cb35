package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.CustomObjectDraft;
import com.kustomergateway.domain.change.KeyValue;
import com.kustomergateway.domain.change.UpdateCustomerData;

import java.util.List;
import java.util.UUID;

/** Changes of every kind, like the seed's examples, on resources no other test uses. */
final class Changes {

    private Changes() {
    }

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static AddNote note(String conversationId) {
        return AddNote.of(conversationId, "Customer called about order #4521 — refund approved.\nFollow up Friday.",
                true);
    }

    static CreateKlass klass(String name) {
        return CreateKlass.of(name, "Loyalty Account", "Tracks loyalty membership and points", "star");
    }

    static CreateKlass klassWithoutIcon(String name) {
        return CreateKlass.of(name, "Shipment", "", null);
    }

    static CreateCustomObjects objects(String klassName) {
        return CreateCustomObjects.of(klassName, List.of(
                new CustomObjectDraft("Gold membership", "cust_abc123", List.of(
                        new KeyValue("tier", "gold"),
                        new KeyValue("points", "8.5"),
                        new KeyValue("balance", "1.20"),
                        new KeyValue("active", "true"),
                        new KeyValue("joined", "2024-01-15"),
                        new KeyValue("renews", "2025-01-15T09:30:00.123456789+02:00"),
                        new KeyValue("profile", "https://example.com/loyalty?id=1"),
                        new KeyValue("big", "1.2e3"))),
                new CustomObjectDraft("Anonymous membership", null, List.of())),
                List.of(new KeyValue("tier", "str"), new KeyValue("points", "num"), new KeyValue("balance", "num"),
                        new KeyValue("active", "bool"), new KeyValue("joined", "date"),
                        new KeyValue("renews", "date"), new KeyValue("profile", "url"), new KeyValue("big", "num")));
    }

    static UpdateCustomerData customerData(String customerId) {
        return UpdateCustomerData.of(customerId, List.of(
                new KeyValue("preferred_contact_method", "email"),
                new KeyValue("lifetimeValueNum", "1250.50"),
                new KeyValue("loyalty_tier", "Gold — ★"),
                new KeyValue("vipBool", "false"),
                new KeyValue("lastInteractionDateAt", "2024-03-01T12:00:00Z")));
    }

    static List<Change> everyKind() {
        return List.of(note(unique("conv")), klass(unique("klass")), klassWithoutIcon(unique("klass")),
                objects(unique("klass")), customerData(unique("cust")));
    }
}
