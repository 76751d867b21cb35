package com.kustomergateway.adapters.graphql;

/** Why the door ({@link RequestGuard}, {@link SubscriptionDoor}) turns a call away: its stable code (which says the HTTP status) and message. */
final class Refused extends RuntimeException {
    final TransportCode code;

    Refused(TransportCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
