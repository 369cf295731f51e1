package io.veriscore.app.error;

import java.util.List;
import java.util.Optional;

/**
 * A failure the client can act on. Its {@link Kind} is one of a small, closed set;
 * {@link io.veriscore.app.web.ProblemMapper} turns it into an RFC 9457 problem.
 */
public final class VeriscoreException extends RuntimeException {

    /** The kinds of failure the API reports, with their HTTP status and problem title. */
    public enum Kind {
        /** Malformed: bad JSON, a wrong shape or an invalid parameter. */
        INVALID_REQUEST(400, "Invalid request"),
        /** No valid credential for an endpoint that needs one. */
        UNAUTHORIZED(401, "Unauthorized"),
        /** A valid credential whose role may not do this. */
        FORBIDDEN(403, "Forbidden"),
        NOT_FOUND(404, "Not found"),
        /** The resource is not in a state that allows this yet, e.g. an on-chain submission of an unproven result. */
        CONFLICT(409, "Conflict"),
        /** The body or a batch exceeds a documented limit. */
        TOO_LARGE(413, "Content too large"),
        /** Well-formed but cannot be processed: an unknown model, input the model rejects, a reused key. */
        UNPROCESSABLE(422, "Unprocessable input"),
        /** The caller is over one of its own limits (a rate, a quota, open streams); it may retry later. */
        TOO_MANY_REQUESTS(429, "Too many requests"),
        /** A dependency (the database, the prover) is unavailable; the request changed nothing and may be retried. */
        UNAVAILABLE(503, "Service unavailable");

        public final int status;
        public final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        /** The problem type URI of this kind. */
        public String type() {
            return "urn:veriscore:problem:" + name().toLowerCase().replace('_', '-');
        }
    }

    /** One problem at one place in the request, located by a JSON pointer such as {@code /input/brow_tension}. */
    public record FieldError(String pointer, String detail) {}

    private final Kind kind;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public VeriscoreException(Kind kind, String message, List<FieldError> errors) {
        this(kind, message, errors, null);
    }

    private VeriscoreException(Kind kind, String message, List<FieldError> errors, Integer retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public VeriscoreException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public static VeriscoreException invalidRequest(String message) {
        return new VeriscoreException(Kind.INVALID_REQUEST, message);
    }

    public static VeriscoreException notFound(String message) {
        return new VeriscoreException(Kind.NOT_FOUND, message);
    }

    public static VeriscoreException conflict(String message) {
        return new VeriscoreException(Kind.CONFLICT, message);
    }

    public static VeriscoreException tooLarge(String message) {
        return new VeriscoreException(Kind.TOO_LARGE, message);
    }

    public static VeriscoreException unprocessable(String message, List<FieldError> errors) {
        return new VeriscoreException(Kind.UNPROCESSABLE, message, errors);
    }

    /** A dependency is unavailable; the client may retry after {@code retryAfterSeconds}. */
    public static VeriscoreException unavailable(String message, int retryAfterSeconds) {
        return new VeriscoreException(Kind.UNAVAILABLE, message, List.of(), retryAfterSeconds);
    }

    /** The caller is over a limit of its own; it may retry after {@code retryAfterSeconds}. */
    public static VeriscoreException tooManyRequests(String message, int retryAfterSeconds) {
        return new VeriscoreException(Kind.TOO_MANY_REQUESTS, message, List.of(), retryAfterSeconds);
    }

    /** When the client may retry, for {@link Kind#UNAVAILABLE} and {@link Kind#TOO_MANY_REQUESTS}. */
    public Optional<Integer> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
