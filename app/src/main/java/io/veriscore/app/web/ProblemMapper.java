package io.veriscore.app.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import io.veriscore.app.error.VeriscoreException.Kind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/** The one place where failures become HTTP answers: RFC 9457 {@code application/problem+json}, never a bare 500. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final String MULTIPART_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";

    @ServerExceptionMapper
    public Response domain(VeriscoreException e, UriInfo uri) {
        Response problem = Response.status(e.kind().status).type(Problem.MEDIA_TYPE)
                .entity(Problems.of(e, uri == null ? null : uri.getRequestUri().getRawPath())).build();
        if (e.kind() == Kind.UNAUTHORIZED) {
            return Response.fromResponse(problem).header("WWW-Authenticate", Problem.BEARER_CHALLENGE).build();
        }
        return e.retryAfterSeconds().map(seconds -> Response.fromResponse(problem).header("Retry-After", seconds).build())
                .orElse(problem);
    }

    /** No credential, or one that is not a Bearer API key: Quarkus Security's refusal of an anonymous caller. */
    @ServerExceptionMapper
    public Response anonymous(UnauthorizedException e, UriInfo uri) {
        return domain(new VeriscoreException(Kind.UNAUTHORIZED,
                "this endpoint needs a credential: send 'Authorization: Bearer <key>'", List.of()), uri);
    }

    @ServerExceptionMapper
    public Response unknownKey(AuthenticationFailedException e, UriInfo uri) {
        return domain(new VeriscoreException(Kind.UNAUTHORIZED, "the API key is not known to this service", List.of()), uri);
    }

    /** A credential of the wrong role: says which role the endpoint needs, from its {@code @RolesAllowed}. */
    @ServerExceptionMapper
    public Response wrongRole(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        Class<?> type = resource.getResourceClass();
        RolesAllowed allowed = type == null ? null : Optional.ofNullable(method(resource))
                .map(method -> method.getAnnotation(RolesAllowed.class)).orElse(type.getAnnotation(RolesAllowed.class));
        String roles = allowed == null ? "another" : String.join(" or ", allowed.value());
        String article = roles.startsWith("a") ? "an " : "a ";
        return domain(new VeriscoreException(Kind.FORBIDDEN, "this endpoint needs " + article + roles + " credential", List.of()), uri);
    }

    private static Method method(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        String detail = "unknown field '" + e.getPropertyName() + "'; allowed fields: " + known;
        return invalid(detail, uri, List.of(new FieldError(pointer(e), detail)));
    }

    /** A request that breaks its Bean Validation constraints; a broken return value is the service's own fault. */
    @ServerExceptionMapper
    public Response violated(ConstraintViolationException e, UriInfo uri) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(v ->
                StreamSupport.stream(v.getPropertyPath().spliterator(), false).anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE));
        if (returnValue) {
            return unexpected(e, uri);
        }
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .toList();
        String detail = violations.stream().map(ConstraintViolation::getMessage).collect(Collectors.joining("; "));
        List<FieldError> errors = violations.stream()
                .flatMap(v -> bodyPointer(v.getPropertyPath()).map(pointer -> new FieldError(pointer, v.getMessage())).stream())
                .toList();
        return invalid(detail, uri, errors);
    }

    /** Where in the body a violation is, as a JSON pointer; empty for a header or form field, which is not in it. */
    private static Optional<String> bodyPointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        boolean inBody = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.BEAN
                    || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                inBody = true;
                if (node.getIndex() != null) {
                    pointer.append('/').append(node.getIndex());
                }
                if (node.getKind() == ElementKind.PROPERTY) {
                    pointer.append('/').append(node.getName().replace("~", "~0").replace("/", "~1"));
                }
            }
        }
        return inBody ? Optional.of(pointer.toString()) : Optional.empty();
    }

    /** Quarkus maps this one itself, without a problem body, unless a mapper names it exactly. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        String detail = "the body is not valid JSON for this request: " + describe(e);
        List<FieldError> errors = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? List.of(new FieldError(pointer(m), describe(e))) : List.of();
        return invalid(detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response malformedForm(MultipartParser.MalformedMessageException e, UriInfo uri) {
        return invalid("the body is not valid multipart/form-data: check the boundary and each part's headers", uri, List.of());
    }

    /** The multipart parser's way of saying the body ended early; any other I/O failure is the service's own. */
    @ServerExceptionMapper
    public Response io(IOException e, UriInfo uri) {
        boolean readingForm = Arrays.stream(e.getStackTrace()).anyMatch(frame -> frame.getClassName().startsWith(MULTIPART_PARSER));
        if (readingForm) {
            return invalid("the multipart/form-data body ended before its closing boundary", uri, List.of());
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "no resource at " + uri.getRequestUri().getRawPath();
            case 405 -> "this method is not allowed on " + uri.getRequestUri().getRawPath();
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        return problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            Kind kind = Kind.UNAVAILABLE;
            return Response.fromResponse(problem(kind.type(), kind.title, kind.status,
                    "the database is unavailable; this request stored nothing and can be retried", uri, List.of()))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return problem("about:blank", "Internal Server Error", 500,
                "an unexpected error occurred; it was logged as incident " + incident, uri, List.of());
    }

    private static Response invalid(String detail, UriInfo uri, List<FieldError> errors) {
        Kind kind = Kind.INVALID_REQUEST;
        return problem(kind.type(), kind.title, kind.status, detail, uri, errors);
    }

    static Response problem(String type, String title, int status, String detail, UriInfo uri, List<FieldError> errors) {
        // The raw path: decoding again could fail on what a client sent, and a problem must never fail.
        Problem body = new Problem(type, title, status, detail, uri == null ? null : uri.getRequestUri().getRawPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** Jackson's message without its source excerpt, with the line and column instead. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "");
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " (line %d, column %d)".formatted(at.getLineNr(), at.getColumnNr());
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .map(part -> "/" + part.replace("~", "~0").replace("/", "~1"))
                .collect(Collectors.joining());
    }
}
