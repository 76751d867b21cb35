package com.kustomergateway.adapters.graphql;

/**
 * Who may call what, as the {@code groups} claim of a caller's token names it. Every query, mutation and
 * subscription carries exactly one of these (an architecture rule checks it), so a resolver added later cannot be
 * left open by accident.
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
