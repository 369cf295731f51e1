package io.veriscore.app.web;

import io.veriscore.app.error.VeriscoreException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Query parameters are text that PostgreSQL can compare: one holding U+0000 is a 400 before it reaches a query. */
public class TextParameters {

    @ServerRequestFilter(preMatching = true)
    public void refuseNul(ContainerRequestContext request) {
        MultivaluedMap<String, String> parameters;
        try {
            parameters = request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException e) {
            throw VeriscoreException.invalidRequest("the query string is not valid percent-encoded UTF-8");
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf(0) >= 0 || parameter.getValue().stream().anyMatch(value -> value.indexOf(0) >= 0)) {
                throw VeriscoreException.invalidRequest("query parameter '" + QueryValues.shorten(parameter.getKey().replace("\0", "\\u0000"))
                        + "' holds U+0000 (%00), which no parameter accepts");
            }
        }
    }
}
