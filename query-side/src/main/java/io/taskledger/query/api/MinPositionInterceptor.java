package io.taskledger.query.api;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.AwaitPositionQuery;
import io.taskledger.api.query.ReadModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read-your-writes for every read: a read sent with {@value #MIN_POSITION_HEADER} (the global event position a
 * command answered, from this client or another) first waits, bounded, until the read models it is answered from
 * ({@link ReadsFrom}) have handled that position; past the bound it is answered 503 {@code READ_MODEL_BEHIND} with
 * {@code Retry-After}. The waiting is the query handlers' ({@link AwaitPositionQuery}); this only says for which read
 * models, before the read is asked. A project read may carry {@code X-Min-Version} as well: both hold.
 */
@Configuration(proxyBeanMethods = false)
public class MinPositionInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    public static final String MIN_POSITION_HEADER = "X-Min-Position";

    private final BoardQueries queries;

    MinPositionInterceptor(BoardQueries queries) {
        this.queries = queries;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(MIN_POSITION_HEADER);
        if (header == null || header.isBlank() || !(handler instanceof HandlerMethod method)
                || !(HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod()))) {
            return true;
        }
        long position = position(header);
        ReadsFrom readsFrom = method.hasMethodAnnotation(ReadsFrom.class) ? method.getMethodAnnotation(ReadsFrom.class)
                : method.getBeanType().getAnnotation(ReadsFrom.class);
        if (readsFrom != null) {
            for (ReadModel readModel : readsFrom.value()) {
                queries.ask(new AwaitPositionQuery(readModel, position), Long.class);
            }
        }
        return true;
    }

    /** The position a header names; refused with its rule when it names none. */
    public static long position(String text) {
        try {
            long position = Long.parseLong(text.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new TaskledgerException(ErrorCode.INVALID_INPUT, MIN_POSITION_HEADER
                + " must be a position a command answered (a whole number from 0), not '" + text + "'");
    }
}
