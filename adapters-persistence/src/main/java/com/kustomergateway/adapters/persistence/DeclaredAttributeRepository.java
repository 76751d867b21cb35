package com.kustomergateway.adapters.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import jakarta.enterprise.context.ApplicationScoped;

/** Panache's queries on {@code declared_attribute}. */
@ApplicationScoped
class DeclaredAttributeRepository implements PanacheRepositoryBase<DeclaredAttributeRow, DeclaredAttributeRow.Key> {
}
