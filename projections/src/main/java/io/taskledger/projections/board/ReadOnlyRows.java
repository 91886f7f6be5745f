package io.taskledger.projections.board;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.QueryHints;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a repository method that only queries read: its entities are loaded read-only, so Hibernate keeps no snapshot
 * copy of each row (with its decoded JSON columns) for dirty checking and has nothing to flush at commit: reading a
 * board spent a large share of its CPU on those copies and checks (docs/benchmarks.md).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
@interface ReadOnlyRows {
}
