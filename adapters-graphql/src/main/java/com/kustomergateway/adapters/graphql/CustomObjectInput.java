package com.kustomergateway.adapters.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

@Input("CustomObjectInput")
@Description("One custom object: its title (Kustomer requires one, 1 to 256 characters), the customer it belongs "
        + "to ('' for none) and its data, each key typed by the call's fieldTypes.")
public record CustomObjectInput(String title, String customerId, List<@NonNull KeyValueInput> data) {
}
