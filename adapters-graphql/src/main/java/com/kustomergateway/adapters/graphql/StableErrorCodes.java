package com.kustomergateway.adapters.graphql;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.error.ErrorInfoMap;
import io.smallrye.graphql.schema.model.ErrorInfo;
import io.smallrye.graphql.spi.EventingService;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives every error of an executed call its stable code before SmallRye writes the response, including those no
 * resolver ever saw: schema validation, variable coercion and the role checks that run before a resolver.
 * Registered through {@code META-INF/services}; the mapping itself is {@link Refusals}.
 */
public class StableErrorCodes implements EventingService {

    static {
        // SmallRye names an exception it writes itself by this map, else by its class's simple name.
        Map<String, ErrorInfo> codes = new HashMap<>();
        Refusals.SECURITY_EXCEPTIONS.forEach((type, code) -> codes.put(type, new ErrorInfo(type, code.name())));
        ErrorInfoMap.register(codes);
    }

    /** Always on: no setting may leave callers without codes. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void afterExecute(Context context) {
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        if (result == null || result.getErrors().isEmpty() || !(context instanceof SmallRyeContext smallRye)) {
            return;
        }
        smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult()
                .from(result)
                .errors(Refusals.recode(result.getErrors()))
                .build());
    }
}
