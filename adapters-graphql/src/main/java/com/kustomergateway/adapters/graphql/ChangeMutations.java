package com.kustomergateway.adapters.graphql;

import com.kustomergateway.application.submit.SubmitChange;
import com.kustomergateway.domain.Violations;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customobject.CustomObjectDraft;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.function.Supplier;

/**
 * The four writes of the seed, as GraphQL mutations. Each validates all of its input (in the domain), stores one
 * operation, and answers with the outcome if delivery finishes within the await window.
 */
@GraphQLApi
public class ChangeMutations {

    private static final String IDEMPOTENCY = "Optional. The same key with the same input returns the operation "
            + "accepted the first time instead of making a new one; with different input it is an error.";

    private final SubmitChange submitChange;
    private final CallLimits limits;

    public ChangeMutations(SubmitChange submitChange, CallLimits limits) {
        this.submitChange = submitChange;
        this.limits = limits;
    }

    @Mutation("addNoteToConversation")
    @RolesAllowed(Roles.WRITER)
    @Description("Adds an internal note to a Kustomer conversation.")
    public @NonNull AddNoteResult addNoteToConversation(
            @Name("conversationId") @NonNull String conversationId,
            @Name("noteBody") @NonNull @Description("1 to 10,240 characters.") String noteBody,
            // SmallRye GraphQL publishes an argument with a default as nullable; an explicit null means the default.
            @Name("isInternal") @DefaultValue("true") @Description("Kustomer notes are always internal: false is refused.")
            Boolean isInternal,
            @Name("idempotencyKey") @Description(IDEMPOTENCY) String idempotencyKey) {
        Operation operation = submit(() -> AddNote.of(conversationId, noteBody, !Boolean.FALSE.equals(isInternal)),
                idempotencyKey);
        Outcome outcome = Outcome.of(operation);
        return new AddNoteResult(outcome.success(), Outcome.firstRemoteId(operation), outcome.operationId(),
                outcome.status(), outcome.failure());
    }

    @Mutation("createCustomObjects")
    @RolesAllowed(Roles.WRITER)
    @Description("Creates custom objects of a Klass, with typed data and customer associations.")
    public @NonNull CreateCustomObjectsResult createCustomObjects(
            @Name("klassName") @NonNull String klassName,
            @Name("objects") @NonNull List<@NonNull CustomObjectInput> objects,
            @Name("fieldTypes") @NonNull @Description("The type of each data key: txt, str, num, bool, date (or url).")
            List<@NonNull KeyValueInput> fieldTypes,
            @Name("idempotencyKey") @Description(IDEMPOTENCY) String idempotencyKey) {
        int pairs = fieldTypes.size() + objects.stream().mapToInt(o -> o.data() == null ? 0 : o.data().size()).sum();
        Operation operation = submit(() -> {
            withinPairLimit(pairs);
            return CreateCustomObjects.of(klassName, drafts(objects), pairs(fieldTypes));
        }, idempotencyKey);
        Outcome outcome = Outcome.of(operation);
        return new CreateCustomObjectsResult(outcome.success(), operation.remoteIds().size(), operation.remoteIds(),
                outcome.operationId(), outcome.status(), outcome.failure());
    }

    @Mutation("createCustomKlass")
    @RolesAllowed(Roles.WRITER)
    @Description("Creates a custom Klass (a custom data schema) in Kustomer.")
    public @NonNull CreateCustomKlassResult createCustomKlass(
            @Name("name") @NonNull @Description("Letters, digits, '_' and '-'; unique in the org.") String name,
            @Name("displayName") @NonNull String displayName,
            @Name("description") @NonNull @Description("Kept by the gateway: Kustomer Klasses have no description.")
            String description,
            @Name("icon") @NonNull @Description("Kustomer icon name, or '' for none.") String icon,
            @Name("idempotencyKey") @Description(IDEMPOTENCY) String idempotencyKey) {
        Operation operation = submit(() -> CreateKlass.of(name, displayName, description, icon), idempotencyKey);
        Outcome outcome = Outcome.of(operation);
        CreateKlass klass = (CreateKlass) operation.change();
        return new CreateCustomKlassResult(outcome.success(), Outcome.firstRemoteId(operation), klass.name().value(),
                klassNote(operation, klass), outcome.operationId(), outcome.status(), outcome.failure());
    }

    @Mutation("updateCustomerData")
    @RolesAllowed(Roles.WRITER)
    @Description("Sets personalization attributes on a Kustomer customer. Keys become string attributes "
            + "(loyalty_tier → loyaltyTierStr) unless they already end in a Kustomer type suffix (lifetimeValueNum).")
    public @NonNull UpdateCustomerDataResult updateCustomerData(
            @Name("customerId") @NonNull String customerId,
            @Name("personalizationData") @NonNull List<@NonNull KeyValueInput> personalizationData,
            @Name("idempotencyKey") @Description(IDEMPOTENCY) String idempotencyKey) {
        Operation operation = submit(() -> {
            withinPairLimit(personalizationData.size());
            return UpdateCustomerData.of(customerId, pairs(personalizationData));
        }, idempotencyKey);
        Outcome outcome = Outcome.of(operation);
        return new UpdateCustomerDataResult(outcome.success(),
                ((UpdateCustomerData) operation.change()).customer().value(), outcome.operationId(),
                outcome.status(), outcome.failure());
    }

    private Operation submit(Supplier<Change> change, String idempotencyKey) {
        return Errors.guard(() -> {
            // Both are read before anything is stored, so every problem with the input is reported together.
            Violations violations = new Violations();
            Change valid = violations.check("", change);
            var key = violations.check("idempotencyKey", () -> IdempotencyKey.optional(idempotencyKey));
            violations.throwIfAny();
            return submitChange.submit(valid, key);
        });
    }

    /** A bound on the work one call can ask for, checked before any pair is read. */
    private void withinPairLimit(int pairs) {
        if (pairs > limits.maxKeyValuePairs()) {
            throw new GatewayError(TransportCode.TOO_MANY_KEY_VALUE_PAIRS, pairs
                    + " key-value pairs in one call; the gateway accepts at most " + limits.maxKeyValuePairs());
        }
    }

    private static String klassNote(Operation operation, CreateKlass klass) {
        String description = klass.description().isEmpty() ? ""
                : " Kustomer Klasses have no description, so the gateway keeps it with operation " + operation.id() + ".";
        String state = switch (operation.status()) {
            case DELIVERED -> "Klass created in Kustomer.";
            case FAILED -> "Kustomer did not create the Klass.";
            case CANCELLED -> "Cancelled before delivery.";
            default -> "Accepted; Kustomer has not confirmed the Klass yet.";
        };
        return state + description + " Its attributes are not part of this call: the gateway declares them in"
                + " Kustomer when the first custom objects that use them are created.";
    }

    private static List<KeyValue> pairs(List<KeyValueInput> inputs) {
        return inputs == null ? List.of() : inputs.stream().map(i -> new KeyValue(i.key(), i.value())).toList();
    }

    private static List<CustomObjectDraft> drafts(List<CustomObjectInput> inputs) {
        return inputs.stream().map(i -> new CustomObjectDraft(i.title(), i.customerId(), pairs(i.data()))).toList();
    }
}
