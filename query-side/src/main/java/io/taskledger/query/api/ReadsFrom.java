package io.taskledger.query.api;

import io.taskledger.api.query.ReadModel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models a controller's reads are answered from: a read sent with {@code X-Min-Position} first waits until
 * they have handled that position ({@link MinPositionInterceptor}). Reads not marked come from the event store, which
 * holds every committed write, and wait for nothing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface ReadsFrom {

    ReadModel[] value();
}
