package com.kustomergateway.adapters.graphql;

import com.kustomergateway.application.audit.OperationChanged;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Who follows which operation live, told of every change this instance makes to it. */
@ApplicationScoped
public class OperationFollowers {

    private final Map<OperationId, Set<Consumer<Operation>>> followers = new ConcurrentHashMap<>();

    void follow(OperationId id, Consumer<Operation> follower) {
        followers.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(follower);
    }

    void unfollow(OperationId id, Consumer<Operation> follower) {
        followers.computeIfPresent(id, (k, set) -> {
            set.remove(follower);
            return set.isEmpty() ? null : set;
        });
    }

    void changed(@Observes OperationChanged change) {
        Set<Consumer<Operation>> following = followers.get(change.operation().id());
        if (following != null) {
            following.forEach(follower -> follower.accept(change.operation()));
        }
    }
}
