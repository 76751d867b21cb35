package com.kustomergateway.adapters.graphql;

import io.smallrye.graphql.api.ErrorExtensionProvider;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

/**
 * Adds {@code extensions.violations}: every broken rule of a rejected input, each with its code, field and
 * message, so a form can mark all its wrong fields at once. Registered through {@code META-INF/services}.
 */
public class ViolationsExtension implements ErrorExtensionProvider {

    @Override
    public String getKey() {
        return "violations";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        if (!(exception instanceof GatewayError error)) {
            return null;
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        error.violations().forEach(v -> list.add(Json.createObjectBuilder()
                .add("code", v.code().name())
                .add("field", v.field())
                .add("message", v.message())));
        return list.build();
    }
}
