package com.kustomergateway.domain.change;

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
