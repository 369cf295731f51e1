package io.veriscore.app.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.veriscore.app.web.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Bearer API keys ({@code Authorization: Bearer vsk_...}; a browser's WebSocket, which cannot send that header, offers
 * the key as its second subprotocol: {@code veriscore.v1, vsk_...}), checked by {@link ApiKeyIdentityProvider}. A request without
 * one is anonymous: the resources' {@code @RolesAllowed} then refuse it, and endpoints without an annotation are
 * refused to everyone ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}), so a new path is never public by
 * accident.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";
    static final String API_KEY = "api-key";
    /** The frame stream's WebSocket subprotocol; the key is offered beside it. */
    public static final String WEBSOCKET_PROTOCOL = "veriscore.v1";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return keyOf(context).map(key -> identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, API_KEY))))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    private static Optional<String> keyOf(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header != null && header.startsWith(BEARER)) {
            return Optional.of(header.substring(BEARER.length()).strip());
        }
        String offered = context.request().getHeader("Sec-WebSocket-Protocol");
        if (offered == null) {
            return Optional.empty();
        }
        List<String> protocols = Arrays.stream(offered.split(",")).map(String::strip).toList();
        return protocols.size() == 2 && protocols.get(0).equals(WEBSOCKET_PROTOCOL) ? Optional.of(protocols.get(1)) : Optional.empty();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", Problem.BEARER_CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
