package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.change.AttributeName;
import com.kustomergateway.domain.change.AttributeOwner;
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

/** The attributes Kustomer is known to have on the customer and on each Klass, in {@code declared_attribute}. */
@ApplicationScoped
@Transactional
public class PostgresDeclaredAttributes implements DeclaredAttributes {

    private static final String SELECT = "SELECT attribute FROM declared_attribute WHERE owner = ? ORDER BY attribute";

    private static final String INSERT = """
            INSERT INTO declared_attribute (owner, attribute, declared_at) VALUES (?, ?, now())
            ON CONFLICT (owner, attribute) DO NOTHING
            """;

    private final DataSource dataSource;

    public PostgresDeclaredAttributes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<AttributeName> of(AttributeOwner owner) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, owner.name());
            Set<AttributeName> declared = new LinkedHashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    declared.add(new AttributeName(rows.getString(1)));
                }
            }
            return declared;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the attributes declared on " + owner, e);
        }
    }

    @Override
    public void record(AttributeOwner owner, Collection<AttributeName> attributes) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AttributeName attribute : attributes) {
                insert.setString(1, owner.name());
                insert.setString(2, attribute.value());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the attributes declared on " + owner, e);
        }
    }
}
