package com.kustomergateway.domain.change;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.Violations;
import com.kustomergateway.domain.note.ConversationId;
import com.kustomergateway.domain.note.NoteBody;

import java.util.Objects;

/** Adds an internal note to a conversation. */
public record AddNote(ConversationId conversation, NoteBody body) implements Change {

    public AddNote {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Kustomer notes are internal by nature: there is no customer-visible note, so a caller asking for one gets a
     * clear refusal rather than a note the customer will never see.
     */
    public static AddNote of(String conversationId, String noteBody, boolean isInternal) {
        Violations violations = new Violations();
        ConversationId conversation = violations.check("conversationId", () -> new ConversationId(conversationId));
        NoteBody body = violations.check("noteBody", () -> new NoteBody(noteBody));
        if (!isInternal) {
            violations.add(ErrorCode.NOTE_MUST_BE_INTERNAL, "isInternal",
                    "Kustomer notes are always internal; a customer-visible note cannot be created");
        }
        violations.throwIfAny();
        return new AddNote(conversation, body);
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.ADD_NOTE;
    }

    @Override
    public ResourceKey resource() {
        return ResourceKey.conversation(conversation);
    }
}
