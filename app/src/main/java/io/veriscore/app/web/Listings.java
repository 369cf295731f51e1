package io.veriscore.app.web;

import io.veriscore.app.error.VeriscoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** What listings share: opaque cursors (the position after a page's last item), time bounds, page sizes. */
public final class Listings {

    private Listings() {}

    /** Where a page ends: its last item's creation time and id (items are listed newest first, then by id). */
    public record Position(Instant createdAt, UUID id) {}

    public static String encode(Position position) {
        String plain = position.createdAt() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Instant> instant(String name, String value) {
        try {
            return Optional.ofNullable(value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw VeriscoreException.invalidRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        }
    }

    /** The page size asked for in {@code limit}, from 1 to {@code max}; {@code standard} when none is given. */
    public static int pageSize(String limit, int standard, int max) {
        return QueryValues.whole("limit", limit, 1, max).orElse(standard);
    }

    public static Position decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw VeriscoreException.invalidRequest("'cursor' is not a cursor returned by this listing");
        }
    }
}
