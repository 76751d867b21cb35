package com.kustomergateway.bootstrap;

import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * An operation once its delivery has ended, however long that took: a mutation answers after the await window
 * whether or not delivery was done, and a busy machine can take longer than that.
 */
final class Settled {

    private static final List<String> UNDER_WAY = List.of("QUEUED", "IN_FLIGHT", "RETRYING");

    private Settled() {
    }

    /** The {@link GraphQL#OPERATION} query's answer once the operation is no longer on its way. */
    static JsonPath operation(String operationId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> GraphQL.run(GraphQL.OPERATION, Map.of("id", operationId)),
                        json -> !UNDER_WAY.contains(json.getString("data.operation.status")));
    }
}
