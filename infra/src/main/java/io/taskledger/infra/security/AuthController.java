package io.taskledger.infra.security;

import io.taskledger.infra.security.Sessions.TokenPair;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.taskledger.command.api.RequestFields.present;
import static io.taskledger.command.api.RequestFields.required;

/**
 * {@code /api/auth}: log in with a username and password for a pair of tokens, refresh the pair, log out. The
 * client address used by the login throttle is the connection's; behind a reverse proxy set
 * {@code server.forward-headers-strategy} so that it is the client's.
 */
@RestController
@RequestMapping(path = "/api/auth", produces = "application/json")
class AuthController {

    private final Sessions sessions;

    AuthController(Sessions sessions) {
        this.sessions = sessions;
    }

    record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    record RefreshRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    @PostMapping("/login")
    TokenPair login(@RequestBody LoginRequest request, HttpServletRequest http) {
        present(request, "body");
        return sessions.login(required(request.username(), "username"), required(request.password(), "password"),
                http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    TokenPair refresh(@RequestBody RefreshRequest request) {
        return sessions.refresh(required(present(request, "body").refreshToken(), "refreshToken"));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal CallerAuthentication.Principal principal) {
        sessions.logout(principal.token());
        return ResponseEntity.ok().build();
    }
}
