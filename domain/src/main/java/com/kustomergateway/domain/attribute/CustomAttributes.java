package com.kustomergateway.domain.attribute;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Violations;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The custom attributes of one Kustomer record, in the caller's order: at most 100, names distinct after
 * conversion, each value of its name's type.
 */
public record CustomAttributes(Map<AttributeName, AttributeValue> values) {

    public static final int MAX_ATTRIBUTES = 100;

    public CustomAttributes {
        if (values.size() > MAX_ATTRIBUTES) {
            throw new InvalidInputException(ErrorCode.TOO_MANY_ATTRIBUTES,
                    values.size() + " attributes; Kustomer allows at most " + MAX_ATTRIBUTES + " on one record");
        }
        values.forEach((name, value) -> {
            if (!name.type().holds(value)) {
                throw new IllegalArgumentException(name + " cannot hold " + value);
            }
        });
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static CustomAttributes none() {
        return new CustomAttributes(Map.of());
    }

    /**
     * Reads a caller's key-value pairs, naming each key with {@code naming}; every broken rule is reported against
     * its pair ({@code [2].value}).
     */
    public static CustomAttributes from(List<KeyValue> pairs, Function<String, AttributeName> naming) {
        Violations violations = new Violations();
        if (pairs.size() > MAX_ATTRIBUTES) {
            violations.add(ErrorCode.TOO_MANY_ATTRIBUTES, "", pairs.size()
                    + " attributes; Kustomer allows at most " + MAX_ATTRIBUTES + " on one record");
            violations.throwIfAny();
        }
        Map<AttributeName, AttributeValue> values = new LinkedHashMap<>();
        Map<AttributeName, String> keyOfName = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            KeyValue pair = pairs.get(i);
            String at = "[" + i + "]";
            AttributeName name = violations.check(at + ".key", () -> naming.apply(pair.key()));
            if (name == null) {
                continue;
            }
            String earlier = keyOfName.putIfAbsent(name, pair.key());
            if (earlier != null) {
                violations.add(earlier.equals(pair.key()) ? ErrorCode.DUPLICATE_KEY : ErrorCode.ATTRIBUTE_NAME_COLLISION,
                        at + ".key", earlier.equals(pair.key())
                                ? "'" + pair.key() + "' is given twice"
                                : "'" + pair.key() + "' and '" + earlier + "' both become the Kustomer attribute " + name);
                continue;
            }
            AttributeValue value = violations.check(at + ".value", () -> name.type().parseValue(pair.value()));
            if (value != null) {
                values.put(name, value);
            }
        }
        violations.throwIfAny();
        return new CustomAttributes(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }
}
