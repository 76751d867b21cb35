/**
 * CustomObjects: objects of one Klass, each with its title, its customer (if any) and its custom
 * attributes; a {@link CustomObjectDraft} is one as a caller describes it. What a user does to them is
 * {@code domain.change.CreateCustomObjects}.
 */
package com.kustomergateway.domain.customobject;
