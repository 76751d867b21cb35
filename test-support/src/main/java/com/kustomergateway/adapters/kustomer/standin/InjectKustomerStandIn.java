package com.kustomergateway.adapters.kustomer.standin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link KustomerStandIn} field of a test that {@link KustomerStandInResource} fills with the running
 * stand-in.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKustomerStandIn {
}
