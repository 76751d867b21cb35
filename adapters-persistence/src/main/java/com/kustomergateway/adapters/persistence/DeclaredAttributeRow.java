package com.kustomergateway.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of {@code declared_attribute} (V2, renamed in V4): an attribute Kustomer is known to have on an owner. */
@Entity
@Table(name = "declared_attribute")
@IdClass(DeclaredAttributeRow.Key.class)
class DeclaredAttributeRow {

    @Id
    @Column(name = "owner")
    String owner;

    @Id
    @Column(name = "attribute")
    String attribute;

    @Column(name = "declared_at")
    Instant declaredAt;

    /** The primary key, {@code (owner, attribute)}. */
    record Key(String owner, String attribute) {
    }
}
