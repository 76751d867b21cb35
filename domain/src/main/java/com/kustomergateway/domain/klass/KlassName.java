package com.kustomergateway.domain.klass;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Text;

import java.util.regex.Pattern;

/**
 * The name of a custom Klass: letters, digits, {@code _} and {@code -}, at most 255, unique in the org and
 * immutable once created. It is also the path segment custom objects are created under.
 */
public record KlassName(String value) {

    public static final int MAX_LENGTH = 255;
    private static final Pattern SHAPE = Pattern.compile("[0-9a-zA-Z_-]+");

    public KlassName {
        if (Text.isBlank(value)) {
            throw new InvalidInputException(ErrorCode.REQUIRED_VALUE_MISSING, "a Klass name is required");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidInputException(ErrorCode.INVALID_KLASS_NAME,
                    "a Klass name may hold only letters, digits, '_' and '-'");
        }
        Text.atMost(value, MAX_LENGTH, ErrorCode.INVALID_KLASS_NAME, "the Klass name");
    }

    @Override
    public String toString() {
        return value;
    }
}
