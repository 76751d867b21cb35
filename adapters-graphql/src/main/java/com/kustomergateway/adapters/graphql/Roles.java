package com.kustomergateway.adapters.graphql;

/**
 * Who may call what, as the {@code groups} claim of a caller's token names it. Every query, mutation and
 * subscription names exactly one of these in its own {@code @RolesAllowed} (an architecture rule checks it: reads
 * the auditor's, writes the writer's or the admin's), so a resolver added later cannot be left open by accident.
 */
public final class Roles {

    /** Frontends that write to Kustomer: the four change mutations. */
    public static final String WRITER = "gateway-writer";

    /** People and tools that read what was sent: the audit queries and subscriptions. */
    public static final String AUDITOR = "gateway-auditor";

    /** Operators who act on operations already accepted: retry, cancel, replay. */
    public static final String ADMIN = "gateway-admin";

    private Roles() {
    }
}
