package io.taskledger.infra.persistence;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.jpa.repository.query.DeclaredQuery;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactory;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;

/**
 * The read models' Spring Data repositories, with Spring Data's simple query enhancer instead of its HQL parser. The
 * enhancer rewrites a declared query for paging and dynamic sorting, which no repository method does; parsing every
 * declared query with the ANTLR-generated HQL parser was about a quarter of the main thread's CPU in a cold start
 * (docs/benchmarks.md). Hibernate still parses and checks every declared query at start.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "io.taskledger",
        queryEnhancerSelector = JpaRepositoryConfiguration.SimpleQueryEnhancer.class)
public class JpaRepositoryConfiguration {

    public static class SimpleQueryEnhancer implements QueryEnhancerSelector {

        @Override
        public QueryEnhancerFactory select(DeclaredQuery query) {
            return QueryEnhancerFactories.fallback();
        }
    }
}
