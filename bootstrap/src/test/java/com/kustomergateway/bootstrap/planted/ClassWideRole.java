package com.kustomergateway.bootstrap.planted;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.GraphQLApi;

/**
 * A GraphQL API guarded by one role for the whole class, to show the architecture rules catch it. Test code only;
 * abstract and without resolvers, so the test application serves nothing of it.
 */
@GraphQLApi
@RolesAllowed("gateway-auditor")
public abstract class ClassWideRole {
}
