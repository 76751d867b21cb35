package com.kustomergateway.domain;

/**
 * Rules every text a caller sends must keep, whatever field it fills. Lengths count Unicode characters (code
 * points), as Kustomer's JSON-Schema limits do, not UTF-16 units.
 */
public final class Text {

    private Text() {
    }

    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Refuses NUL and the other C0 control characters but tab, line feed and carriage return: Postgres cannot
     * store NUL, and no Kustomer field means anything by the others.
     */
    public static String checkCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                throw new InvalidInputException(ErrorCode.INVALID_CHARACTERS,
                        String.format("contains the control character U+%04X at position %d", (int) c, i));
            }
        }
        return value;
    }

    /** A required text: present, not only white space, with no forbidden characters. */
    public static String required(String value, ErrorCode whenMissing, String what) {
        if (isBlank(value)) {
            throw new InvalidInputException(whenMissing, what + " is required and must not be blank");
        }
        return checkCharacters(value);
    }

    public static String atMost(String value, int max, ErrorCode code, String what) {
        int length = length(value);
        if (length > max) {
            throw new InvalidInputException(code, what + " has " + length + " characters; Kustomer allows at most " + max);
        }
        return value;
    }
}
