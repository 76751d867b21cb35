package com.kustomergateway.adapters.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import jakarta.enterprise.context.ApplicationScoped;

/** Panache's queries on {@code delivery_attempt}, for the audit log. */
@ApplicationScoped
class AttemptRepository implements PanacheRepositoryBase<AttemptRow, Long> {
}
