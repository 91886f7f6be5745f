package io.taskledger.infra.web;

import io.taskledger.api.access.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets any controller take the authenticated {@link Caller} as a parameter. A request without one never reaches
 * such a controller (the filter chain answers 401 first); if one did, it is refused as unauthenticated.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Object caller = request.getAttribute(RequestContext.CALLER, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Caller authenticated) {
            return authenticated;
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
    }
}
