package io.veriscore.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Reads a contract's revert data as a person would: its custom error with arguments, or its reason string. */
public final class RevertReasons {

    private static final String ERROR_STRING = "0x08c379a0"; // Error(string), as require(..., "reason") reverts
    private final Map<String, Error> errors = new HashMap<>();

    private record Error(String name, List<String> types) {}

    private RevertReasons(JsonNode abi) {
        for (JsonNode entry : abi) {
            if (entry.path("type").asText().equals("error")) {
                List<String> types = new ArrayList<>();
                entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
                String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
                errors.put(Hash.sha3String(signature).substring(0, 10), new Error(entry.path("name").asText(), types));
            }
        }
    }

    /** The errors of the ScoreRegistry and the verifier it calls. */
    public static RevertReasons scoreRegistry() {
        try (InputStream abi = RevertReasons.class.getResourceAsStream("ScoreRegistry.abi")) {
            return new RevertReasons(new ObjectMapper().readTree(abi));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * E.g. {@code StatementAlreadyRecorded(0x12..., 0x34...)}; "no reason given" for empty data. Takes the hex revert
     * data, or a JSON-RPC error's {@code data} as nodes send it: a JSON string (Anvil) or an object with the hex in
     * its own {@code data} (Hardhat).
     */
    public String describe(String revertData) {
        if (revertData != null && revertData.length() >= 2 && revertData.startsWith("\"") && revertData.endsWith("\"")) {
            revertData = revertData.substring(1, revertData.length() - 1);
        }
        if (revertData != null && revertData.startsWith("{")) {
            try {
                revertData = new ObjectMapper().readTree(revertData).path("data").asText(null);
            } catch (IOException e) {
                return "unreadable revert data " + revertData;
            }
        }
        if (revertData == null || revertData.length() < 10) {
            return "no reason given";
        }
        String selector = revertData.substring(0, 10).toLowerCase();
        String arguments = revertData.substring(10);
        if (selector.equals(ERROR_STRING)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Type> decoded = FunctionReturnDecoder.decode(arguments, (List) List.of(new TypeReference<Utf8String>() {}));
            return decoded.isEmpty() ? "Error(?)" : decoded.get(0).getValue().toString();
        }
        Error error = errors.get(selector);
        if (error == null) {
            return "unknown error " + revertData;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < error.types().size() && (i + 1) * 64 <= arguments.length(); i++) {
            String word = arguments.substring(i * 64, (i + 1) * 64);
            String type = error.types().get(i);
            values.add(type.startsWith("uint") ? new BigInteger(word, 16).toString()
                    : Numeric.prependHexPrefix(type.equals("address") ? word.substring(24) : word));
        }
        return error.name() + "(" + String.join(", ", values) + ")";
    }
}
