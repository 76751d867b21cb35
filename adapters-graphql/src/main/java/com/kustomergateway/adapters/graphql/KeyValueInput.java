package com.kustomergateway.adapters.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("KeyValueInput")
@Description("A key and its value, both as text.")
public record KeyValueInput(@NonNull String key, @NonNull String value) {
}
