package com.kustomergateway.adapters.kustomer.planted;

import com.kustomergateway.application.pacing.RateGate;

import java.time.Instant;

/**
 * The Kustomer adapter pausing the application's rate gate on a 429 instead of reporting it in the port's answer,
 * to show the architecture rules catch it. Test code only.
 */
public class PausesTheGateItself {

    public void answered429(RateGate gate, Instant until) {
        gate.pauseUntil(until, "Kustomer answered 429");
    }
}
