package io.veriscore.app.face;

import io.veriscore.app.error.VeriscoreException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reads the image fields of a request. */
public final class Images {

    public static ImageInputs.Image of(String base64, String capturedAt) {
        if (base64.isBlank()) {
            throw VeriscoreException.invalidRequest("'image' is empty: send the base64 of a JPEG or PNG file");
        }
        if (capturedAt == null) {
            return new ImageInputs.Image(base64, OffsetDateTime.now(ZoneId.systemDefault()), true);
        }
        return new ImageInputs.Image(base64, time(capturedAt), false);
    }

    /** A request's {@code capturedAt}: an RFC 3339 time with its offset. */
    public static OffsetDateTime time(String capturedAt) {
        try {
            return OffsetDateTime.parse(capturedAt);
        } catch (DateTimeParseException e) {
            throw VeriscoreException.invalidRequest("'capturedAt' must be an RFC 3339 time with its UTC offset,"
                    + " e.g. 2026-11-23T08:30:00+01:00; got '" + capturedAt + "'");
        }
    }

    private Images() {}
}
