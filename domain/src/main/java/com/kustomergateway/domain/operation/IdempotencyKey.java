package com.kustomergateway.domain.operation;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;

import java.util.Optional;

/**
 * A caller's name for one intended change: sending the same change again under the same key returns the
 * operation already accepted instead of making a second one. 1 to 255 printable ASCII characters.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidInputException(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "an idempotency key is 1 to " + MAX_LENGTH + " printable ASCII characters without spaces");
        }
    }

    /** No key for an absent or empty text; a key, or the reason it is not one, otherwise. */
    public static Optional<IdempotencyKey> optional(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(new IdempotencyKey(value));
    }
}
