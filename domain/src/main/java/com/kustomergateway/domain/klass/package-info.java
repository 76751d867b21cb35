/**
 * Klasses: a custom Klass of the org, named by a {@link KlassName} that also names the path its
 * objects are created under. What a user does to one is {@code domain.change.CreateKlass}.
 */
package com.kustomergateway.domain.klass;
