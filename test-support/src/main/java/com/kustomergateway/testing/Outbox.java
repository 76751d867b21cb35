package com.kustomergateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox schema of one fault test or benchmark run, in the {@link TestDatabase}: created by the first
 * gateway's Flyway, read directly by the test, dropped at the end.
 */
public final class Outbox implements AutoCloseable {

    public static final String URL = TestDatabase.url();
    public static final String USER = TestDatabase.user();
    public static final String PASSWORD = TestDatabase.password();

    public final String schema;

    public Outbox() {
        this("faults");
    }

    /** A schema named {@code <prefix>_<random>}. */
    public Outbox(String prefix) {
        schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The JDBC URL a gateway uses for this schema, through {@code host:port} (a proxy, say) if given. */
    public String jdbcUrl(String hostAndPort) {
        String url = hostAndPort == null ? URL : URL.replaceFirst("//[^/]+/", "//" + hostAndPort + "/");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String postgresHostAndPort() {
        return URL.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
    }

    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new HashMap<>();
        query("SELECT status, count(*) FROM " + schema + ".operation GROUP BY status", rows -> {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        });
        return counts;
    }

    public long count(String where) {
        long[] count = new long[1];
        query("SELECT count(*) FROM " + schema + ".operation WHERE " + where, rows -> {
            rows.next();
            count[0] = rows.getLong(1);
        });
        return count[0];
    }

    public String status(String operationId) {
        String[] status = new String[1];
        query("SELECT status FROM " + schema + ".operation WHERE id = '" + UUID.fromString(operationId) + "'", rows -> {
            status[0] = rows.next() ? rows.getString(1) : null;
        });
        return status[0];
    }

    public interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    public void query(String sql, Rows reader) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            reader.read(rows);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return; // the schema's tables do not exist yet: no gateway has migrated it
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop " + schema + ": " + e.getMessage());
        }
    }
}
