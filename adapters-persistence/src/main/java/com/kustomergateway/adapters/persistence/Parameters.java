package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.operation.DeliveryFailure;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A JDBC statement's parameters, bound in order, an absent value as SQL NULL of the column's type. Times are sent
 * as {@code timestamptz} in UTC, so no zone of the JVM or the session takes part.
 */
final class Parameters {

    private final PreparedStatement statement;
    private int next = 1;

    private Parameters(PreparedStatement statement) {
        this.statement = statement;
    }

    static Parameters of(PreparedStatement statement) {
        return new Parameters(statement);
    }

    Parameters uuid(UUID value) throws SQLException {
        statement.setObject(next++, value);
        return this;
    }

    Parameters text(String value) throws SQLException {
        statement.setString(next++, value);
        return this;
    }

    Parameters text(Optional<String> value) throws SQLException {
        return text(value.orElse(null));
    }

    Parameters integer(int value) throws SQLException {
        statement.setInt(next++, value);
        return this;
    }

    Parameters integer(Optional<Integer> value) throws SQLException {
        return value.isPresent() ? integer(value.get()) : nothing(Types.INTEGER);
    }

    Parameters bigint(long value) throws SQLException {
        statement.setLong(next++, value);
        return this;
    }

    Parameters instant(Instant value) throws SQLException {
        statement.setObject(next++, value.atOffset(ZoneOffset.UTC));
        return this;
    }

    Parameters instant(Optional<Instant> value) throws SQLException {
        return value.isPresent() ? instant(value.get()) : nothing(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** A failure's three columns: its HTTP status, its code and its message, all NULL without one. */
    Parameters failure(Optional<DeliveryFailure> failure) throws SQLException {
        return integer(failure.flatMap(DeliveryFailure::httpStatus))
                .text(failure.map(DeliveryFailure::code))
                .text(failure.map(DeliveryFailure::message));
    }

    private Parameters nothing(int sqlType) throws SQLException {
        statement.setNull(next++, sqlType);
        return this;
    }
}
