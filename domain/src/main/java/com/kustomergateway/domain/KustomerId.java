package com.kustomergateway.domain;

import java.util.regex.Pattern;

/**
 * The rule every Kustomer resource id the gateway puts into a URL path keeps. Kustomer's own ids are 24-hex
 * ObjectIds, but callers also use readable ids (the seed's {@code conv_12345abc}), so letters, digits, {@code _}
 * and {@code -} are accepted, and nothing that could change the path's meaning.
 */
public final class KustomerId {

    static final int MAX_LENGTH = 128;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private KustomerId() {
    }

    public static String check(String value, String what) {
        if (Text.isBlank(value)) {
            throw new InvalidInputException(ErrorCode.REQUIRED_VALUE_MISSING, what + " is required");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidInputException(ErrorCode.INVALID_ID, what + " must be 1 to " + MAX_LENGTH
                    + " letters, digits, '_' or '-'");
        }
        return value;
    }
}
