package com.kustomergateway.domain.customobject;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.Text;

/**
 * The title of a custom object. The seed lists it as optional, but Kustomer refuses an object without one, so the
 * gateway asks for it up front rather than accept an operation that can only fail.
 */
public record ObjectTitle(String value) {

    public static final int MAX_LENGTH = 256;

    public ObjectTitle {
        Text.required(value, ErrorCode.TITLE_REQUIRED, "a title (Kustomer requires one for every object)");
        Text.atMost(value, MAX_LENGTH, ErrorCode.TITLE_TOO_LONG, "the title");
    }
}
