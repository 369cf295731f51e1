package io.veriscore.app.web;

import io.veriscore.app.error.VeriscoreException;
import java.util.Optional;

/**
 * Typed query parameters, read here rather than by JAX-RS, whose failed conversions answer 404 without naming the
 * parameter: a malformed or out-of-range value is a 400 that says which parameter and what it accepts.
 */
public final class QueryValues {

    private QueryValues() {}

    public static Optional<Long> whole(String name, String value, long min, long max) {
        if (value == null) {
            return Optional.empty();
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw outOfRange(name, value, min, max);
        }
        if (parsed < min || parsed > max) {
            throw outOfRange(name, value, min, max);
        }
        return Optional.of(parsed);
    }

    public static Optional<Integer> whole(String name, String value, int min, int max) {
        return whole(name, value, (long) min, (long) max).map(Long::intValue);
    }

    public static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw VeriscoreException.invalidRequest("'" + name + "' must be true or false, got '" + shorten(value) + "'");
    }

    private static VeriscoreException outOfRange(String name, String value, long min, long max) {
        return VeriscoreException.invalidRequest("'%s' must be a whole number from %d to %d, got '%s'"
                .formatted(name, min, max, shorten(value)));
    }

    public static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
