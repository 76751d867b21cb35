package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.customobject.CustomObject;

import java.util.Optional;

import static com.kustomergateway.adapters.kustomer.KustomerRoute.CREATE_OBJECT;
import static com.kustomergateway.adapters.kustomer.KustomerRoute.FIND_OBJECT;

/** The two requests about one custom object, by its Klass and external id, that single and bulk creation share. */
final class CustomObjectRequests {

    private CustomObjectRequests() {
    }

    /** The id of the Klass's object with this external id, if Kustomer has one (404: it has none). */
    static Optional<String> find(String klass, String externalId, DeliveryCalls calls) throws DeliveryStopped {
        Answer found = calls.send(FIND_OBJECT.to(klass, externalId), Optional.empty(),
                (client, auth) -> client.objectByExternalId(auth, klass, externalId));
        if (found.isSuccess()) {
            return Optional.of(found.createdId());
        }
        if (found.status() != 404) {
            throw found.stops();
        }
        return Optional.empty();
    }

    /** Creates the object under its external id; the id Kustomer gave it. */
    static String create(String klass, CustomObject object, String externalId, DeliveryCalls calls)
            throws DeliveryStopped {
        String body = RequestBodies.object(object, externalId);
        Answer answer = calls.expectSuccess(CREATE_OBJECT.to(klass), Optional.of(body),
                (client, auth) -> client.createObject(auth, klass, body));
        return answer.createdId();
    }
}
