package com.kustomergateway.domain.change;

import java.util.List;

/**
 * A custom object as a caller describes it: every part optional and unchecked, as the seed's parameters are.
 * {@link CreateCustomObjects#of} turns drafts into {@link CustomObject}s or says what is wrong with them.
 */
public record CustomObjectDraft(String title, String customerId, List<KeyValue> data) {
}
