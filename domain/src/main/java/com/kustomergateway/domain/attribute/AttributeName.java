package com.kustomergateway.domain.attribute;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Text;

import java.util.regex.Pattern;

/**
 * The name Kustomer knows a custom attribute by: camelCase, ending in its type's suffix
 * ({@code preferredContactMethodStr}, {@code lastInteractionDateAt}). This is the one place where a caller's key
 * becomes such a name. Reference ({@code Id}) attributes need metadata the gateway does not manage, so no name
 * built here ends in {@code Id}.
 */
public record AttributeName(String value) {

    /** Longest key a caller may send; Kustomer states no limit, and a longer name serves no one. */
    public static final int MAX_KEY_LENGTH = 128;

    private static final Pattern SHAPE = Pattern.compile("[a-z][a-zA-Z0-9]*(Str|Txt|Num|Bool|At|Url)");
    private static final Pattern SEPARATORS = Pattern.compile("[_\\- ]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

    public AttributeName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException(ErrorCode.INVALID_ATTRIBUTE_KEY,
                    "'" + value + "' is not a Kustomer attribute name (camelCase ending in a type suffix)");
        }
    }

    /** The type this attribute's suffix declares. */
    public FieldType type() {
        return FieldType.bySuffixOf(value).orElseThrow();
    }

    /**
     * The name for a key of a declared type: {@code preferred_contact_method} typed {@code str} becomes
     * {@code preferredContactMethodStr}. A key that already ends in its type's suffix keeps it.
     */
    public static AttributeName of(String key, FieldType type) {
        String camel = camelCase(key);
        return new AttributeName(camel.endsWith(type.suffix()) && camel.length() > type.suffix().length()
                ? camel : camel + type.suffix());
    }

    /**
     * The name for a key whose type is not declared: the type its own suffix names ({@code lifetimeValueNum}),
     * otherwise a string ({@code loyalty_tier} becomes {@code loyaltyTierStr}).
     */
    public static AttributeName inferredFrom(String key) {
        String camel = camelCase(key);
        return FieldType.bySuffixOf(camel).map(type -> new AttributeName(camel))
                .orElseGet(() -> new AttributeName(camel + FieldType.STR.suffix()));
    }

    /**
     * How Kustomer's UI should label the attribute: its words without the type suffix, each capitalised, as
     * Kustomer itself titles an attribute it was told nothing about ({@code preferredContactMethodStr} becomes
     * {@code Preferred Contact Method}).
     */
    public String displayName() {
        String words = value.substring(0, value.length() - type().suffix().length());
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < words.length(); i++) {
            char c = words.charAt(i);
            boolean startsWord = i == 0 || Character.isUpperCase(c) && !Character.isUpperCase(words.charAt(i - 1))
                    || Character.isDigit(c) && !Character.isDigit(words.charAt(i - 1));
            if (startsWord && i > 0) {
                name.append(' ');
            }
            name.append(startsWord ? Character.toUpperCase(c) : c);
        }
        return name.toString();
    }

    static String camelCase(String key) {
        if (Text.isBlank(key)) {
            throw new InvalidInputException(ErrorCode.REQUIRED_VALUE_MISSING, "a key is required");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException(ErrorCode.INVALID_ATTRIBUTE_KEY,
                    "a key may have at most " + MAX_KEY_LENGTH + " characters");
        }
        String[] words = SEPARATORS.split(key.strip());
        StringBuilder camel = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            if (!WORD.matcher(word).matches()) {
                throw invalidKey(key);
            }
            camel.append(camel.length() == 0
                    ? Character.toLowerCase(word.charAt(0)) + word.substring(1)
                    : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        if (camel.length() == 0 || !Character.isLetter(camel.charAt(0))) {
            throw invalidKey(key);
        }
        return camel.toString();
    }

    private static InvalidInputException invalidKey(String key) {
        return new InvalidInputException(ErrorCode.INVALID_ATTRIBUTE_KEY, "'" + key
                + "' cannot name a Kustomer attribute: use ASCII letters and digits, words joined by '_', starting with a letter");
    }

    @Override
    public String toString() {
        return value;
    }
}
