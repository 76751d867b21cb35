package com.kustomergateway.adapters.persistence;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The SQL Hibernate sends to Postgres, as it sends it, while a test is listening. */
@PersistenceUnitExtension
@ApplicationScoped
public class EmittedSql implements StatementInspector {

    private final List<List<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        listeners.forEach(listener -> listener.add(sql));
        return sql;
    }

    /** The statements Hibernate sent while {@code action} ran. */
    public List<String> of(Runnable action) {
        List<String> heard = new CopyOnWriteArrayList<>();
        listeners.add(heard);
        try {
            action.run();
        } finally {
            listeners.remove(heard);
        }
        return new ArrayList<>(heard);
    }
}
