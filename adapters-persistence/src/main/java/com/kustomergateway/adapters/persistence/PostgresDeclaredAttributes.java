package com.kustomergateway.adapters.persistence;

import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.port.DeclaredAttributes;

import io.quarkus.panache.common.Sort;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.MutationQuery;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The attributes Kustomer is known to have on the customer and on each Klass, in {@code declared_attribute}. */
@ApplicationScoped
@Transactional
public class PostgresDeclaredAttributes implements DeclaredAttributes {

    private final DeclaredAttributeRepository declared;

    PostgresDeclaredAttributes(DeclaredAttributeRepository declared) {
        this.declared = declared;
    }

    @Override
    public Set<AttributeName> of(AttributeOwner owner) {
        return declared.find("owner", Sort.ascending("attribute"), owner.name())
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .list().stream()
                .map(row -> new AttributeName(row.attribute))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** All of them in one INSERT, one row per attribute; one recorded already (by anyone) is left as it is. */
    @Override
    public void record(AttributeOwner owner, Collection<AttributeName> attributes) {
        List<AttributeName> names = List.copyOf(attributes);
        if (names.isEmpty()) {
            return;
        }
        String rows = IntStream.range(0, names.size()).mapToObj(i -> "(:owner, :attribute" + i + ", instant)")
                .collect(Collectors.joining(", "));
        MutationQuery insert = declared.getSession().createMutationQuery(
                "insert into DeclaredAttributeRow (owner, attribute, declaredAt) values " + rows
                        + " on conflict (owner, attribute) do nothing").setParameter("owner", owner.name());
        for (int i = 0; i < names.size(); i++) {
            insert.setParameter("attribute" + i, names.get(i).value());
        }
        insert.executeUpdate();
    }
}
