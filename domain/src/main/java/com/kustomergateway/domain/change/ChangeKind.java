package com.kustomergateway.domain.change;

/** The four writes the gateway makes, one for each of the seed's operations. */
public enum ChangeKind {
    ADD_NOTE,
    CREATE_KLASS,
    CREATE_CUSTOM_OBJECTS,
    UPDATE_CUSTOMER_DATA
}
