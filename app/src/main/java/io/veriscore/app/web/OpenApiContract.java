package io.veriscore.app.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes the OpenAPI document say what every operation can really answer, because the service's filters answer them
 * for every operation: the bearer scheme (Swagger UI's Authorize button) and 401/403 on the paths that need a key,
 * 400 (a malformed query string), 404 (an unknown id), 413/415/422 (bodies) and 503 (a dependency or the deadline),
 * each an RFC 9457 problem; and the HTTP codec's own bodiless 414 and 431.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";
    private static final Set<String> SECURED = Set.of("/v1/inferences", "/v1/sessions", "/v1/audit");

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        openApi.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API key: 'Authorization: Bearer <key>'"));
        openApi.getComponents().addSchema(PROBLEM, problemSchema());
        for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
            boolean secured = SECURED.stream().anyMatch(path.getKey()::startsWith);
            boolean identified = path.getKey().contains("{");
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                APIResponses responses = operation.getResponses();
                add(responses, "400", "Malformed request: a parameter, the query string or the body");
                if (secured) {
                    operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
                    add(responses, "401", "No valid API key");
                    add(responses, "403", "The key's role may not do this");
                }
                if (identified) {
                    add(responses, "404", "No such resource, or not this caller's");
                }
                if (operation.getRequestBody() != null) {
                    add(responses, "413", "The body is larger than the service accepts");
                    add(responses, "415", "The body's content type is not accepted here");
                    add(responses, "422", "Well-formed, but the service cannot process it");
                }
                add(responses, "503", "A dependency is unavailable, or the request ran past its deadline; retry");
                // Refused by the HTTP codec before any routing, as an empty answer (Quarkus offers no hook to change it).
                addBare(responses, "414", "The request line is longer than quarkus.http.limits.max-initial-line-length");
                addBare(responses, "431", "The headers are larger than quarkus.http.limits.max-header-size");
                problemsAsSchema(responses);
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType())));
        }
    }

    private static void addBare(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Every problem+json answer, documented here or on the operation, has the problem's schema. */
    private static void problemsAsSchema(APIResponses responses) {
        responses.getAPIResponses().values().stream()
                .filter(response -> response.getContent() != null && response.getContent().hasMediaType(Problem.MEDIA_TYPE))
                .forEach(response -> response.getContent().getMediaType(Problem.MEDIA_TYPE)
                        .schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .required(List.of("pointer", "detail"))
                .properties(Map.of("pointer", string, "detail", string));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem; 'errors' lists individual problems, each at a JSON pointer")
                .required(List.of("type", "title", "status", "detail"))
                .properties(Map.of("type", string, "title", string, "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "detail", string, "instance", string,
                        "errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(error)));
    }
}
