package com.kustomergateway.domain.note;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.Text;

/** The text of a conversation note: 1 to 10,240 characters, not only white space. */
public record NoteBody(String value) {

    public static final int MAX_LENGTH = 10_240;

    public NoteBody {
        Text.required(value, ErrorCode.NOTE_EMPTY, "a note body");
        Text.atMost(value, MAX_LENGTH, ErrorCode.NOTE_TOO_LONG, "the note body");
    }
}
