package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.AttributeName;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.CustomObjectDraft;
import com.kustomergateway.domain.change.KeyValue;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Operations for the seed's four examples, built through the domain as the gateway builds them. */
final class Operations {

    static final List<KeyValue> SEED_FIELD_TYPES = List.of(
            new KeyValue("preferred_contact_method", "str"),
            new KeyValue("product_interest_score", "num"),
            new KeyValue("last_interaction_date", "date"),
            new KeyValue("is_premium_customer", "bool"));

    static final List<KeyValue> SEED_DATA = List.of(
            new KeyValue("preferred_contact_method", "email"),
            new KeyValue("product_interest_score", "8.5"),
            new KeyValue("last_interaction_date", "2024-01-15"),
            new KeyValue("is_premium_customer", "true"));

    static final String SEED_CUSTOM = """
            {"preferredContactMethodStr":"email","productInterestScoreNum":8.5,
             "lastInteractionDateAt":"2024-01-15T00:00:00Z","isPremiumCustomerBool":true}""";

    /** Every attribute the operations below give Customer_Preferences objects. */
    static final List<AttributeName> SEED_ATTRIBUTES = List.of(new AttributeName("preferredContactMethodStr"),
            new AttributeName("productInterestScoreNum"), new AttributeName("lastInteractionDateAt"),
            new AttributeName("isPremiumCustomerBool"));

    /** The attributes {@link #customerUpdate()} sets. */
    static final List<AttributeName> CUSTOMER_ATTRIBUTES = List.of(new AttributeName("loyaltyTierStr"),
            new AttributeName("lifetimeValueNum"));

    private Operations() {
    }

    static Operation note() {
        return accepted(AddNote.of("conv_12345abc", "Customer called about a billing question.", true));
    }

    static Operation klass() {
        return accepted(CreateKlass.of("Customer_Preferences", "Customer Preferences",
                "Tracks each customer's contact and product preferences", "star"));
    }

    static Operation seedObject() {
        return accepted(CreateCustomObjects.of("Customer_Preferences",
                List.of(new CustomObjectDraft("John Smith Preferences", "cust_abc123", SEED_DATA)), SEED_FIELD_TYPES));
    }

    static Operation objects(int count) {
        List<CustomObjectDraft> drafts = IntStream.range(0, count)
                .mapToObj(i -> new CustomObjectDraft("Preferences " + i, "cust_" + i,
                        List.of(new KeyValue("product_interest_score", Integer.toString(i)))))
                .toList();
        return accepted(CreateCustomObjects.of("Customer_Preferences", drafts,
                List.of(new KeyValue("product_interest_score", "num"))));
    }

    static Operation customerUpdate() {
        return accepted(UpdateCustomerData.of("cust_abc123", List.of(
                new KeyValue("loyalty_tier", "gold"),
                new KeyValue("lifetimeValueNum", "1234.50"))));
    }

    static Operation accepted(Change change) {
        return Operation.accept(OperationId.random(), change, Optional.empty(), Instant.now());
    }

    /** The same operation as it stands for its next try after {@code failures} failed ones. */
    static Operation afterFailures(Operation operation, int failures) {
        return new Operation(operation.id(), operation.change(), OperationStatus.RETRYING,
                operation.idempotencyKey(), operation.acceptedAt(), failures, Optional.of(Instant.now()),
                List.of(), Optional.empty(), operation.claims(), operation.traceContext());
    }

    /** The same operation claimed again after a try that ended without an outcome (its process died). */
    static Operation afterCrash(Operation operation) {
        return operation.claimed().claimed();
    }
}
