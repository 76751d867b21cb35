package com.kustomergateway.bootstrap.planted;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;

/**
 * Resolvers that forgot their role or name the wrong one, to show the architecture rules catch them. Test code only,
 * and not a {@code @GraphQLApi}, so the test application does not serve it.
 */
public class OpenResolver {

    @Query
    public String everything() {
        return "everything";
    }

    /** A write guarded by the reader's role. */
    @Mutation
    @RolesAllowed("gateway-auditor")
    public String forgetEverything() {
        return "forgotten";
    }
}
