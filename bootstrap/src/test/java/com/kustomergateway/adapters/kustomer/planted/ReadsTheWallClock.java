package com.kustomergateway.adapters.kustomer.planted;

import java.time.Instant;

/** The Kustomer adapter reading the time past the gateway's one clock, to show the rule catches it. Test code only. */
public class ReadsTheWallClock {

    public Instant receivedAt() {
        return Instant.now();
    }
}
