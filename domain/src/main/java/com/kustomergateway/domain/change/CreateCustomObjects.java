package com.kustomergateway.domain.change;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Text;
import com.kustomergateway.domain.Violations;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.CustomAttributes;
import com.kustomergateway.domain.attribute.FieldType;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.customerprofile.CustomerId;
import com.kustomergateway.domain.customobject.CustomObject;
import com.kustomergateway.domain.customobject.CustomObjectDraft;
import com.kustomergateway.domain.customobject.ObjectTitle;
import com.kustomergateway.domain.klass.KlassName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Creates custom objects of one Klass, delivered together. */
public record CreateCustomObjects(KlassName klass, List<CustomObject> objects) implements Change {

    /**
     * Objects one call may create: ten of Kustomer's 100-object bulk requests. More belongs in several calls, so
     * one caller cannot hold a Klass's queue (and the org's request budget) for long.
     */
    public static final int MAX_OBJECTS = 1_000;

    public CreateCustomObjects {
        Objects.requireNonNull(klass, "klass");
        if (objects.isEmpty()) {
            throw new InvalidInputException(ErrorCode.NO_OBJECTS, "at least one object is required");
        }
        if (objects.size() > MAX_OBJECTS) {
            throw new InvalidInputException(ErrorCode.TOO_MANY_OBJECTS,
                    objects.size() + " objects; one call may create at most " + MAX_OBJECTS);
        }
        objects = List.copyOf(objects);
    }

    /**
     * Reads the seed's parameters: every data key must have a declared field type, and every value must be of it.
     */
    public static CreateCustomObjects of(String klassName, List<CustomObjectDraft> drafts, List<KeyValue> fieldTypes) {
        Violations violations = new Violations();
        KlassName klass = violations.check("klassName", () -> new KlassName(klassName));
        Map<String, FieldType> types = violations.check("fieldTypes", () -> declaredTypes(fieldTypes));
        if (drafts.isEmpty()) {
            violations.add(ErrorCode.NO_OBJECTS, "objects", "at least one object is required");
        } else if (drafts.size() > MAX_OBJECTS) {
            violations.add(ErrorCode.TOO_MANY_OBJECTS, "objects",
                    drafts.size() + " objects; one call may create at most " + MAX_OBJECTS);
        }
        violations.throwIfAny();
        List<CustomObject> objects = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            CustomObjectDraft draft = drafts.get(i);
            objects.add(violations.check("objects[" + i + "]", () -> object(draft, types)));
        }
        violations.throwIfAny();
        return new CreateCustomObjects(klass, objects);
    }

    private static Map<String, FieldType> declaredTypes(List<KeyValue> fieldTypes) {
        Violations violations = new Violations();
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (int i = 0; i < fieldTypes.size(); i++) {
            KeyValue declaration = fieldTypes.get(i);
            String at = "[" + i + "]";
            FieldType type = violations.check(at + ".value", () -> FieldType.parse(declaration.value()));
            if (type == null) {
                continue;
            }
            if (violations.check(at + ".key", () -> AttributeName.of(declaration.key(), type)) == null) {
                continue;
            }
            if (types.putIfAbsent(declaration.key(), type) != null) {
                violations.add(ErrorCode.DUPLICATE_KEY, at + ".key", "'" + declaration.key() + "' is declared twice");
            }
        }
        violations.throwIfAny();
        return types;
    }

    private static CustomObject object(CustomObjectDraft draft, Map<String, FieldType> types) {
        Violations violations = new Violations();
        ObjectTitle title = violations.check("title", () -> new ObjectTitle(draft.title()));
        Optional<CustomerId> customer = Text.isBlank(draft.customerId()) ? Optional.empty()
                : Optional.ofNullable(violations.check("customerId", () -> new CustomerId(draft.customerId())));
        List<KeyValue> data = draft.data() == null ? List.of() : draft.data();
        CustomAttributes attributes = violations.check("data", () -> CustomAttributes.from(data, key -> {
            FieldType type = types.get(key);
            if (type == null) {
                throw new InvalidInputException(ErrorCode.UNKNOWN_FIELD_TYPE_KEY,
                        "'" + key + "' has no entry in fieldTypes, so its Kustomer type is unknown");
            }
            return AttributeName.of(key, type);
        }));
        violations.throwIfAny();
        return new CustomObject(title, customer, attributes);
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.CREATE_CUSTOM_OBJECTS;
    }

    @Override
    public ResourceKey resource() {
        return ResourceKey.klass(klass);
    }
}
