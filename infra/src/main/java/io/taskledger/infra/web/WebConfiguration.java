package io.taskledger.infra.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;

import java.util.List;

/**
 * Spring MVC additions: controllers in any module may take the authenticated {@code Caller} as a parameter, and
 * request bodies are read strictly.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    /**
     * A body naming a field twice is refused (400) instead of the last value silently winning: two readers of the
     * same body (a proxy, a log, this server) could otherwise see two different requests.
     */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicateFields() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
