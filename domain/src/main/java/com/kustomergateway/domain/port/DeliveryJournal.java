package com.kustomergateway.domain.port;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a delivery has already done in Kustomer, kept durably while it runs (for example: "chunk 2 was submitted as
 * bulk job 5b3b…"), so that a later try after a crash continues from there instead of doing it again.
 */
public interface DeliveryJournal {

    Optional<String> read(String entry);

    /** Writes an entry; it is durable when this returns. */
    void write(String entry, String value);

    /** A journal that lives only as long as one delivery, for callers that need no durability. */
    static DeliveryJournal inMemory() {
        Map<String, String> entries = new HashMap<>();
        return new DeliveryJournal() {
            @Override
            public Optional<String> read(String entry) {
                return Optional.ofNullable(entries.get(entry));
            }

            @Override
            public void write(String entry, String value) {
                entries.put(entry, value);
            }
        };
    }
}
