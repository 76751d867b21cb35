/**
 * Custom attributes, which customer profiles and the objects of a Klass both carry: their Kustomer
 * names ({@link AttributeName}), types ({@link FieldType}), values and owners ({@link AttributeOwner}).
 */
package com.kustomergateway.domain.attribute;
