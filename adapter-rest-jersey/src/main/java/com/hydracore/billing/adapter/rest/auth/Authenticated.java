package com.hydracore.billing.adapter.rest.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a resource method (or class) that needs a valid bearer token, and optionally a scope. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Authenticated {

    /** The scope the token must grant; empty means any valid token. */
    String scope() default "";
}
