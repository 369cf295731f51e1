package io.veriscore.app.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
        answersRequireTheirProperties(openApi);
    }

    /**
     * Every property of an answer is sent, unless it may be null or left out, which it says ({@code @Schema(nullable =
     * true)}): the generated console client then types each field as the service really sends it. Schemas that request
     * bodies use keep their own required lists (Bean Validation's), since a client may leave their other fields out.
     */
    private static void answersRequireTheirProperties(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        List<Schema> answers = new ArrayList<>(), requests = new ArrayList<>();
        for (PathItem path : openApi.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                operation.getResponses().getAPIResponses().values().stream().filter(response -> response.getContent() != null)
                        .flatMap(response -> response.getContent().getMediaTypes().values().stream()).forEach(type -> answers.add(type.getSchema()));
                answers.stream().filter(answer -> answer != null && answer.getOneOf() != null)
                        .forEach(answer -> answer.setRef(null)); // the scanner adds the first alternative's $ref beside oneOf
                Optional.ofNullable(operation.getRequestBody()).map(body -> body.getContent()).stream()
                        .flatMap(content -> content.getMediaTypes().values().stream()).forEach(type -> requests.add(type.getSchema()));
            }
        }
        Set<String> requested = reachable(requests, schemas);
        for (String name : reachable(answers, schemas)) {
            Schema schema = schemas.get(name);
            if (!requested.contains(name) && schema.getProperties() != null && schema.getRequired() == null) {
                schema.setRequired(schema.getProperties().entrySet().stream().filter(property -> !nullable(property.getValue()))
                        .map(Map.Entry::getKey).sorted().toList());
            }
        }
    }

    /** The names of the component schemas that {@code roots} use, directly or through others. */
    private static Set<String> reachable(List<Schema> roots, Map<String, Schema> schemas) {
        Set<String> names = new TreeSet<>();
        Deque<Schema> pending = new ArrayDeque<>(roots.stream().filter(Objects::nonNull).toList());
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (names.add(name) && schemas.containsKey(name)) {
                    pending.push(schemas.get(name));
                }
                continue;
            }
            Stream.of(Optional.ofNullable(schema.getItems()).stream(), Optional.ofNullable(schema.getAdditionalPropertiesSchema()).stream(),
                    Optional.ofNullable(schema.getProperties()).map(Map::values).stream().flatMap(Collection::stream),
                    Optional.ofNullable(schema.getAnyOf()).stream().flatMap(List::stream),
                    Optional.ofNullable(schema.getOneOf()).stream().flatMap(List::stream),
                    Optional.ofNullable(schema.getAllOf()).stream().flatMap(List::stream)).flatMap(s -> s).forEach(pending::push);
        }
        return names;
    }

    private static boolean nullable(Schema property) {
        return property.getType() != null && property.getType().contains(Schema.SchemaType.NULL)
                || property.getAnyOf() != null && property.getAnyOf().stream().anyMatch(OpenApiContract::nullable)
                || property.getOneOf() != null && property.getOneOf().stream().anyMatch(OpenApiContract::nullable);
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
