package io.veriscore.app.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Custom methods such as {@code POST /v1/proofs:verify} carry a colon, which some HTTP clients send
 * percent-encoded ({@code %3A}); routing matches the literal colon, so that one encoded colon (before the verb that
 * ends the path) is decoded first. Nothing else in the path is touched: it stays encoded exactly once.
 */
public class CustomMethodPaths {

    private static final Pattern ENCODED_VERB_COLON = Pattern.compile("%3[Aa](?=[A-Za-z]+$)");

    @ServerRequestFilter(preMatching = true)
    public void decodeColon(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && ENCODED_VERB_COLON.matcher(path).find()) {
            request.setRequestUri(uri.resolve(ENCODED_VERB_COLON.matcher(path).replaceFirst(":")
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }
}
