package com.kustomergateway.adapters.kustomer.planted;

import com.kustomergateway.adapters.persistence.planted.OutboxTable;

/** The Kustomer adapter reading the persistence adapter directly, to show the layer rule catches it. Test code only. */
public class ReachesIntoTheOutbox {

    public String table() {
        return new OutboxTable().name();
    }
}
