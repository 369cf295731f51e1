package io.veriscore.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * How request bodies are read, strictly: a member named twice is refused (rather than silently keeping the last value);
 * a boolean or a number written as a string ({@code "prove": "true"}) or a boolean as a number is the wrong type, not
 * coerced; and text holding a lone UTF-16 surrogate ({@code "\ud800"}: no Unicode character, which RFC 8785 cannot
 * hash) is refused wherever it stands, in a value or a member name, so that no request reaches the service with one.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType type : new LogicalType[] {LogicalType.Boolean, LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("well-formed-text")
                .addDeserializer(String.class, new WellFormedString())
                .addDeserializer(JsonNode.class, new WellFormedTree())
                .addKeyDeserializer(String.class, new WellFormedKey()));
    }

    /** Whether {@code text} is well-formed UTF-16: every surrogate is half of a pair. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String checked(String text, JsonParser parser) throws InvalidFormatException {
        if (text != null && !wellFormed(text)) {
            throw new InvalidFormatException(parser, "text holds a lone UTF-16 surrogate (an escape such as \\ud800 that is"
                    + " not half of a pair): it is no Unicode character", text, String.class);
        }
        return text;
    }

    private static final class WellFormedString extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(StringDeserializer.instance.deserialize(parser, context), parser);
        }
    }

    private static final class WellFormedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser());
        }
    }

    private static final class WellFormedTree extends JsonDeserializer<JsonNode> {
        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(parser, context);
            check(tree, parser);
            return tree;
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null; // a member left out is null, as with Jackson's own
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance(); // as Jackson gives a JsonNode for null
        }

        private static void check(JsonNode node, JsonParser parser) throws InvalidFormatException {
            if (node.isTextual()) {
                checked(node.textValue(), parser);
            }
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                checked(member.getKey(), parser);
                check(member.getValue(), parser);
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    check(element, parser);
                }
            }
        }
    }
}
