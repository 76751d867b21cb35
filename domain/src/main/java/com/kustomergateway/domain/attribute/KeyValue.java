package com.kustomergateway.domain.attribute;

/** A key and a value as a caller sends them, before any rule has looked at either. */
public record KeyValue(String key, String value) {
}
