package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.testing.InMemoryDeliveryCoordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** This module's tests have no database: the rate gate's shared schedule and pauses live here. */
@ApplicationScoped
public class SharedPacingInMemory extends InMemoryDeliveryCoordination {

    public SharedPacingInMemory() {
        super(Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
