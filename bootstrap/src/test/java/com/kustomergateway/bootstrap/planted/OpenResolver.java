package com.kustomergateway.bootstrap.planted;

import org.eclipse.microprofile.graphql.Query;

/**
 * A resolver that forgot its role, to show the architecture rules catch it. Test code only, and not a
 * {@code @GraphQLApi}, so the test application does not serve it.
 */
public class OpenResolver {

    @Query
    public String everything() {
        return "everything";
    }
}
