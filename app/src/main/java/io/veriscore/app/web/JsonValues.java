package io.veriscore.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a client's JSON values must be to be hashed (RFC 8785) and stored (PostgreSQL): numbers are IEEE-754 doubles,
 * so an integer beyond 2^53 (which would silently change) and a number beyond a double's range are refused; strings
 * may not hold U+0000 (PostgreSQL cannot store it) nor a lone surrogate (RFC 8785 cannot express it).
 */
public final class JsonValues {

    static final BigInteger LARGEST_EXACT_INTEGER = BigInteger.TWO.pow(53);
    private static final int MAX_ERRORS = 10;

    private JsonValues() {}

    /** @throws VeriscoreException 422, each offending value named by its JSON pointer */
    public static void requireStorable(String pointer, JsonNode value) {
        List<FieldError> errors = new ArrayList<>();
        check(pointer, value, errors);
        if (!errors.isEmpty()) {
            throw VeriscoreException.unprocessable(errors.get(0).pointer() + ": " + errors.get(0).detail(), errors);
        }
    }

    private static void check(String pointer, JsonNode node, List<FieldError> errors) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                if (!storable(name)) {
                    errors.add(new FieldError(pointer, "a member name holds U+0000 or a lone surrogate"));
                    continue;
                }
                check(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), member.getValue(), errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(pointer + "/" + i, node.get(i), errors);
            }
        } else if (node.isTextual() && !storable(node.textValue())) {
            errors.add(new FieldError(pointer, "the string holds U+0000 or a lone surrogate, which cannot be stored"));
        } else if (node.isIntegralNumber() && node.bigIntegerValue().abs().compareTo(LARGEST_EXACT_INTEGER) > 0) {
            errors.add(new FieldError(pointer, "integers beyond 2^53 (9007199254740992) are not exact as IEEE-754 doubles,"
                    + " which JSON numbers are hashed as (RFC 8785)"));
        } else if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            errors.add(new FieldError(pointer, "the number is not a finite IEEE-754 double: it is beyond the range of one (about 1.8e308)"));
        }
    }

    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
