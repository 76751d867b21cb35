package com.kustomergateway.adapters.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Panache's queries on {@code operation}, for the audit and operators' adapters (the relay's are in the store). */
@ApplicationScoped
class OperationRepository implements PanacheRepositoryBase<OperationRow, UUID> {
}
