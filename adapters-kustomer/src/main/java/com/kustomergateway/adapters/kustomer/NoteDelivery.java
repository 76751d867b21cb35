package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;

import java.util.List;
import java.util.Optional;

import static com.kustomergateway.adapters.kustomer.KustomerRoute.ADD_NOTE;

/** Adds a note to a conversation: one request, whose answer names the note. */
final class NoteDelivery {

    DeliveryOutcome deliver(Operation operation, AddNote note, DeliveryCalls calls) throws DeliveryStopped {
        String conversation = note.conversation().value();
        String body = RequestBodies.note(note, operation.externalId());
        Answer answer = calls.expectSuccess(ADD_NOTE.to(conversation), Optional.of(body),
                (client, auth) -> client.addNote(auth, conversation, body));
        return new DeliveryOutcome.Delivered(List.of(answer.createdId()));
    }
}
