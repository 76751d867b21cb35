package com.kustomergateway.testing;

import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customobject.CustomObjectDraft;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Changes the modules' tests share, built through the domain as the gateway builds them: the seed's four examples
 * on fixed resources (what a test compares Kustomer's requests with), and changes of every kind on resources no other
 * test uses ({@link #unique}).
 */
public final class Changes {

    public static final List<KeyValue> SEED_FIELD_TYPES = List.of(
            new KeyValue("preferred_contact_method", "str"),
            new KeyValue("product_interest_score", "num"),
            new KeyValue("last_interaction_date", "date"),
            new KeyValue("is_premium_customer", "bool"));

    public static final List<KeyValue> SEED_DATA = List.of(
            new KeyValue("preferred_contact_method", "email"),
            new KeyValue("product_interest_score", "8.5"),
            new KeyValue("last_interaction_date", "2024-01-15"),
            new KeyValue("is_premium_customer", "true"));

    /** Every attribute {@link #seedObject()} gives Customer_Preferences objects. */
    public static final List<AttributeName> SEED_ATTRIBUTES = List.of(new AttributeName("preferredContactMethodStr"),
            new AttributeName("productInterestScoreNum"), new AttributeName("lastInteractionDateAt"),
            new AttributeName("isPremiumCustomerBool"));

    /** The attributes {@link #seedCustomerUpdate()} sets. */
    public static final List<AttributeName> CUSTOMER_ATTRIBUTES = List.of(new AttributeName("loyaltyTierStr"),
            new AttributeName("lifetimeValueNum"));

    private Changes() {
    }

    /** A name no other test uses: the prefix and 12 random hex digits. */
    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static AddNote seedNote() {
        return AddNote.of("conv_12345abc", "Customer called about a billing question.", true);
    }

    public static CreateKlass seedKlass() {
        return CreateKlass.of("Customer_Preferences", "Customer Preferences",
                "Tracks each customer's contact and product preferences", "star");
    }

    public static CreateCustomObjects seedObject() {
        return CreateCustomObjects.of("Customer_Preferences",
                List.of(new CustomObjectDraft("John Smith Preferences", "cust_abc123", SEED_DATA)), SEED_FIELD_TYPES);
    }

    public static UpdateCustomerData seedCustomerUpdate() {
        return UpdateCustomerData.of("cust_abc123", List.of(
                new KeyValue("loyalty_tier", "gold"),
                new KeyValue("lifetimeValueNum", "1234.50")));
    }

    /** {@code count} Customer_Preferences objects, each for a customer of its own, with one number. */
    public static CreateCustomObjects manyObjects(int count) {
        List<CustomObjectDraft> drafts = IntStream.range(0, count)
                .mapToObj(i -> new CustomObjectDraft("Preferences " + i, "cust_" + i,
                        List.of(new KeyValue("product_interest_score", Integer.toString(i)))))
                .toList();
        return CreateCustomObjects.of("Customer_Preferences", drafts,
                List.of(new KeyValue("product_interest_score", "num")));
    }

    public static AddNote note(String conversationId) {
        return AddNote.of(conversationId, "Customer called about order #4521 — refund approved.\nFollow up Friday.",
                true);
    }

    public static CreateKlass klass(String name) {
        return CreateKlass.of(name, "Loyalty Account", "Tracks loyalty membership and points", "star");
    }

    public static CreateKlass klassWithoutIcon(String name) {
        return CreateKlass.of(name, "Shipment", "", null);
    }

    /** Two objects of {@code klassName}: one with an attribute of every type, one with none and no customer. */
    public static CreateCustomObjects objects(String klassName) {
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

    public static UpdateCustomerData customerData(String customerId) {
        return UpdateCustomerData.of(customerId, List.of(
                new KeyValue("preferred_contact_method", "email"),
                new KeyValue("lifetimeValueNum", "1250.50"),
                new KeyValue("loyalty_tier", "Gold — ★"),
                new KeyValue("vipBool", "false"),
                new KeyValue("lastInteractionDateAt", "2024-03-01T12:00:00Z")));
    }

    /** One change of each kind, a Klass with and without an icon, on resources of their own. */
    public static List<Change> everyKind() {
        return List.of(note(unique("conv")), klass(unique("klass")), klassWithoutIcon(unique("klass")),
                objects(unique("klass")), customerData(unique("cust")));
    }
}
