package com.kustomergateway.adapters.persistence.planted;

/** Something of the persistence adapter's for {@code ReachesIntoTheOutbox} to reach for. Test code only. */
public class OutboxTable {

    public String name() {
        return "operation";
    }
}
