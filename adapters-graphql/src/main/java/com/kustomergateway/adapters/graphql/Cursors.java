package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.ListingPosition;
import com.kustomergateway.domain.operation.OperationId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Relay cursors for operation listings. Opaque to callers (base64url), so the listing's order can change without
 * breaking a client; inside, a version, the acceptance time in microseconds (the database's precision) and the id.
 */
final class Cursors {

    private static final String VERSION = "o1";

    private Cursors() {
    }

    static String of(ListingPosition position) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.acceptedAt());
        String text = VERSION + ":" + micros + ":" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ListingPosition parse(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals(VERSION)) {
                Instant acceptedAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
                return OperationId.parse(parts[2]).map(id -> new ListingPosition(acceptedAt, id))
                        .orElseThrow(() -> invalid(cursor));
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not a number: the same answer as any other cursor this gateway did not make
        }
        throw invalid(cursor);
    }

    private static GatewayError invalid(String cursor) {
        return new GatewayError(TransportCode.INVALID_CURSOR,
                "'" + cursor + "' is not a cursor of this listing; pass an endCursor from an earlier page");
    }
}
