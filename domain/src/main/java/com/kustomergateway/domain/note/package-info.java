/**
 * Notes: an internal note on a Kustomer conversation ({@link ConversationId}, {@link NoteBody}).
 * What a user does to one is {@code domain.change.AddNote}.
 */
package com.kustomergateway.domain.note;
