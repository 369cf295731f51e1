package io.veriscore.app.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Body of {@code POST /v1/inferences}: a model id and one {@code input} object, a batch of {@code inputs}, or an
 * {@code image} (base64 JPEG or PNG, for models that score faces) with the time it was taken, {@code capturedAt}
 * (RFC 3339 with its UTC offset), or a {@code recording} for models that cut one into windows (one result per
 * window); {@code prove: true} asks for a zero-knowledge proof of each result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // a request without 'prove' hashes as before, for idempotent retries
@InferenceRequest.OnePayload
public record InferenceRequest(
        @NotBlank(message = "'model' is required: the id of a model from GET /v1/models") String model,
        JsonNode input,
        @Size(min = 1, message = "'inputs' must hold at least one input")
        List<JsonNode> inputs,
        String image, String capturedAt, JsonNode recording, Boolean prove) {

    /** Exactly one of input, inputs, image and recording; capturedAt only with an image. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = OnePayload.Check.class)
    public @interface OnePayload {
        String message() default "give exactly one of 'input' (one object), 'inputs' (a batch),"
                + " 'image' (base64 JPEG or PNG of a face) or 'recording' (raw channels, for biosignal)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<OnePayload, InferenceRequest> {
            @Override
            public boolean isValid(InferenceRequest request, ConstraintValidatorContext context) {
                long given = Stream.of(request.input, request.inputs, request.image, request.recording).filter(Objects::nonNull).count();
                if (given != 1) {
                    return false;
                }
                if (request.capturedAt != null && request.image == null) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate("'capturedAt' goes with 'image'")
                            .addPropertyNode("capturedAt").addConstraintViolation();
                    return false;
                }
                return true;
            }
        }
    }
}
