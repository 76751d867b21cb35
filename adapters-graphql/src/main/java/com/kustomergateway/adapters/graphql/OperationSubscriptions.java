package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.OperationStore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Live updates: a frontend follows its operation to the end over a WebSocket instead of polling. */
@GraphQLApi
public class OperationSubscriptions {

    private final OperationStore store;
    private final OperationFollowers followers;
    private final Duration pollInterval;

    @Inject
    public OperationSubscriptions(OperationStore store, OperationFollowers followers, SubscriptionSettings settings) {
        this.store = store;
        this.followers = followers;
        this.pollInterval = settings.pollInterval();
    }

    @io.smallrye.graphql.api.Subscription("operationUpdates")
    @RolesAllowed(Roles.AUDITOR)
    @Description("The operation as it stands now, then again at each change, until it is DELIVERED, FAILED or "
            + "CANCELLED. Changes made by this instance arrive at once; those made by another instance sharing the "
            + "database, within gateway.subscription.poll-interval.")
    public Multi<OperationView> operationUpdates(@Name("id") @NonNull @Id String id) {
        return Multi.createFrom().<OperationView>emitter(emitter -> new Following(emitter).start(id))
                // Reading the store blocks: never on the event loop that runs the WebSocket.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * One subscriber's view. A state is sent only when it differs from the last one sent; a state read from the
     * store is dropped when a change arrived while it was read, since the change is newer.
     */
    private final class Following {

        private final MultiEmitter<? super OperationView> emitter;
        private final Consumer<Operation> onChange = this::offer;
        private Operation lastSent;
        private long changesSeen;
        private boolean done;
        private ScheduledFuture<?> poll;

        Following(MultiEmitter<? super OperationView> emitter) {
            this.emitter = emitter;
        }

        void start(String id) {
            Optional<OperationId> operationId = OperationId.parse(id);
            if (operationId.isEmpty()) {
                emitter.fail(new GatewayError(ErrorCode.OPERATION_NOT_FOUND, "there is no operation " + id));
                return;
            }
            // Follow before reading, so that no change between the read and the follow is missed.
            followers.follow(operationId.get(), onChange);
            emitter.onTermination(() -> {
                followers.unfollow(operationId.get(), onChange);
                if (poll != null) {
                    poll.cancel(false);
                }
            });
            if (!readAndOffer(operationId.get())) {
                emitter.fail(new GatewayError(ErrorCode.OPERATION_NOT_FOUND, "there is no operation " + id));
                return;
            }
            ScheduledExecutorService scheduler = Infrastructure.getDefaultWorkerPool();
            poll = scheduler.scheduleWithFixedDelay(() -> readAndOffer(operationId.get()),
                    pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Returns whether the operation exists. */
        private boolean readAndOffer(OperationId id) {
            long seen;
            synchronized (this) {
                seen = changesSeen;
            }
            Optional<Operation> stored;
            try {
                stored = store.find(id);
            } catch (RuntimeException e) {
                return true; // the database is away for a moment; the next poll or change will tell
            }
            synchronized (this) {
                if (stored.isPresent() && changesSeen == seen) {
                    send(stored.get());
                }
            }
            return stored.isPresent();
        }

        private synchronized void offer(Operation operation) {
            changesSeen++;
            send(operation);
        }

        private void send(Operation operation) {
            if (done || operation.equals(lastSent)) {
                return;
            }
            lastSent = operation;
            emitter.emit(OperationView.of(operation));
            if (operation.isSettled()) {
                done = true;
                emitter.complete();
            }
        }
    }
}
