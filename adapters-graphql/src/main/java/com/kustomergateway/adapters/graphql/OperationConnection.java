package com.kustomergateway.adapters.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;

@Type("OperationConnection")
@Description("A page of operations, newest first (Relay connection).")
public record OperationConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {

    @Type("OperationEdge")
    public record Edge(@NonNull @Description("Opaque; pass it as `after` to continue after this operation.")
            String cursor, @NonNull OperationView node) {
    }

    @Type("PageInfo")
    @Description("hasPreviousPage is always false: listings page forward only.")
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }
}
