package io.veriscore.app.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Custom methods such as {@code POST /v1/proofs:verify} carry a colon, which some HTTP clients send
 * percent-encoded ({@code %3A}); routing matches the literal colon, so the encoded form is decoded first.
 */
public class CustomMethodPaths {

    private static final Pattern ENCODED_COLON = Pattern.compile("%3[Aa]");

    @ServerRequestFilter(preMatching = true)
    public void decodeColon(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && ENCODED_COLON.matcher(path).find()) {
            request.setRequestUri(uri.resolve(ENCODED_COLON.matcher(path).replaceAll(":")
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }
}
