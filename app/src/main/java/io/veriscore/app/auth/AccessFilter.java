package io.veriscore.app.auth;

import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.Kind;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may call what, in one place. Results ({@code /v1/inferences}) and face sessions ({@code /v1/sessions})
 * need a client credential to create and a
 * client (its own) or auditor credential to read; the audit API needs an auditor credential; models, circuits,
 * keys and proof verification are public. The caller is left in {@link CurrentCaller} for the resources.
 */
public class AccessFilter {

    private static final String BEARER = "Bearer ";

    private final Credentials credentials;
    private final CurrentCaller current;

    AccessFilter(Credentials credentials, CurrentCaller current) {
        this.credentials = credentials;
        this.current = current;
    }

    @ServerRequestFilter
    public void authorize(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean audit = path.startsWith("/v1/audit");
        boolean results = path.startsWith("/v1/inferences") || path.startsWith("/v1/sessions");
        if (!audit && !results) {
            return;
        }
        Caller caller = caller(request).orElseThrow(() -> new VeriscoreException(Kind.UNAUTHORIZED,
                "this endpoint needs a credential: send 'Authorization: Bearer <key>'", List.of()));
        boolean creates = results && !request.getMethod().equals("GET");
        if (audit && caller.role() != Role.AUDITOR) {
            throw new VeriscoreException(Kind.FORBIDDEN, "the audit API needs an auditor credential", List.of());
        }
        if (creates && caller.role() != Role.CLIENT) {
            throw new VeriscoreException(Kind.FORBIDDEN, "only a client credential creates results", List.of());
        }
        current.set(caller);
    }

    private Optional<Caller> caller(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header == null || !header.startsWith(BEARER)) {
            return Optional.empty();
        }
        return credentials.authenticate(header.substring(BEARER.length()).strip());
    }
}
