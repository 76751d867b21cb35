package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.CappedCount;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("OperationCount")
@Description("How many operations a filter selects. Counting stops at gateway.audit.count-cap (10,000): exact is "
        + "false when there are at least count.")
public record OperationCountView(int count, boolean exact) {

    static OperationCountView of(CappedCount count) {
        boolean fits = count.count() <= Integer.MAX_VALUE;
        return new OperationCountView((int) Math.min(count.count(), Integer.MAX_VALUE), fits && count.exact());
    }
}
