package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import java.util.function.Supplier;

/** The one place where what went wrong inside the gateway becomes what a GraphQL caller is told. */
final class Errors {

    private static final Logger LOG = Logger.getLogger(Errors.class);

    private Errors() {
    }

    static <T> T guard(Supplier<T> resolver) {
        try {
            return resolver.get();
        } catch (InvalidInputException e) {
            throw GatewayError.invalid(e);
        } catch (GatewayError e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** A failure no rule explains: the caller gets a reference to quote, the log gets the details. */
    static GatewayError unexpected(Throwable e) {
        String reference = UUID.randomUUID().toString();
        if (databaseUnavailable(e)) {
            LOG.warnf("Database unavailable (reference %s): %s", reference, e.getMessage());
            return new GatewayError(ErrorCode.DATABASE_UNAVAILABLE, "The gateway's database is unavailable, so "
                    + "nothing was accepted; try again shortly (reference " + reference + ")");
        }
        LOG.errorf(e, "Unexpected failure (reference %s)", reference);
        return new GatewayError(ErrorCode.INTERNAL_ERROR,
                "The gateway failed unexpectedly; its log has the details under reference " + reference);
    }

    /** A connection that could not be had or was lost (SQLState class 08), anywhere in the cause chain. */
    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

}
