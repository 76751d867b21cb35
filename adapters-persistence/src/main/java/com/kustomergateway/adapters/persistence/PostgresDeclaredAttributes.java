package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.change.AttributeName;
import com.kustomergateway.domain.change.KlassName;
import com.kustomergateway.domain.port.DeclaredAttributes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.sql.DataSource;

/** What the gateway declared on each Klass, in {@code klass_attribute}. */
@ApplicationScoped
@Transactional
public class PostgresDeclaredAttributes implements DeclaredAttributes {

    private static final String SELECT = "SELECT attribute FROM klass_attribute WHERE klass = ? ORDER BY attribute";

    private static final String INSERT = """
            INSERT INTO klass_attribute (klass, attribute, declared_at) VALUES (?, ?, now())
            ON CONFLICT (klass, attribute) DO NOTHING
            """;

    private final DataSource dataSource;

    public PostgresDeclaredAttributes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<AttributeName> of(KlassName klass) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, klass.value());
            Set<AttributeName> declared = new LinkedHashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    declared.add(new AttributeName(rows.getString(1)));
                }
            }
            return declared;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the attributes declared on Klass " + klass.value(), e);
        }
    }

    @Override
    public void record(KlassName klass, Collection<AttributeName> attributes) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AttributeName attribute : attributes) {
                insert.setString(1, klass.value());
                insert.setString(2, attribute.value());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the attributes declared on Klass " + klass.value(), e);
        }
    }
}
