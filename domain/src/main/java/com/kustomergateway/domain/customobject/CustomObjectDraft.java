package com.kustomergateway.domain.customobject;

import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.CreateCustomObjects;

import java.util.List;

/**
 * A custom object as a caller describes it: every part optional and unchecked, as the seed's parameters are.
 * {@link CreateCustomObjects#of} turns drafts into {@link CustomObject}s or says what is wrong with them.
 */
public record CustomObjectDraft(String title, String customerId, List<KeyValue> data) {
}
