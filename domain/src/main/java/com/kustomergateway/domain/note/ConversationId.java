package com.kustomergateway.domain.note;

import com.kustomergateway.domain.KustomerId;

/** A Kustomer conversation, the resource a note is added to. */
public record ConversationId(String value) {

    public ConversationId {
        KustomerId.check(value, "a conversation id");
    }

    @Override
    public String toString() {
        return value;
    }
}
