package io.veriscore.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 8785 Appendix B: IEEE-754 bits and their canonical form. */
    @Test
    void writesTheNumbersOfRfc8785AppendixB() {
        String[][] cases = {
                {"0000000000000000", "0"}, {"8000000000000000", "0"}, {"0000000000000001", "5e-324"},
                {"8000000000000001", "-5e-324"}, {"7fefffffffffffff", "1.7976931348623157e+308"},
                {"ffefffffffffffff", "-1.7976931348623157e+308"}, {"4340000000000000", "9007199254740992"},
                {"c340000000000000", "-9007199254740992"}, {"4430000000000000", "295147905179352830000"},
                {"44b52d02c7e14af5", "9.999999999999997e+22"}, {"44b52d02c7e14af6", "1e+23"},
                {"44b52d02c7e14af7", "1.0000000000000001e+23"}, {"444b1ae4d6e2ef4e", "999999999999999700000"},
                {"444b1ae4d6e2ef4f", "999999999999999900000"}, {"444b1ae4d6e2ef50", "1e+21"},
                {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"}, {"3eb0c6f7a0b5ed8d", "0.000001"},
                {"41b3de4355555553", "333333333.3333332"}, {"41b3de4355555554", "333333333.33333325"},
                {"41b3de4355555555", "333333333.3333333"}, {"41b3de4355555556", "333333333.3333334"},
                {"41b3de4355555557", "333333333.33333343"}, {"becbf647612f3696", "-0.0000033333333333333333"},
                {"43143ff3c1cb0959", "1424953923781206.2"}};
        for (String[] c : cases) {
            assertEquals(c[1], EcmaNumber.toString(bits(c[0])), c[0]);
        }
    }

    /** 17,453 doubles (random, subnormal, near 2^53 and the notation boundaries) as V8 writes them (tools/es-number-vectors.js). */
    @Test
    void writesNumbersAsAnEcmaScriptEngineDoes() throws Exception {
        List<String> wrong = new ArrayList<>();
        int count = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/es-number-vectors.txt")), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.split(" ");
                String actual = EcmaNumber.toString(bits(parts[0]));
                if (!actual.equals(parts[1])) {
                    wrong.add(line + " -> " + actual);
                }
                count++;
            }
        }
        assertEquals(17_453, count);
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())));
    }

    @Test
    void theNotationBoundaries() {
        assertEquals("100000000000000000000", EcmaNumber.toString(1e20));
        assertEquals("1e+21", EcmaNumber.toString(1e21));
        assertEquals("0.000001", EcmaNumber.toString(1e-6));
        assertEquals("1e-7", EcmaNumber.toString(1e-7));
        assertEquals("1e-320", EcmaNumber.toString(1e-320));
        assertEquals("1e-315", EcmaNumber.toString(1e-315));
    }

    /** The input that once held a worker thread for ever: every double now costs microseconds. */
    @Test
    void subnormalsAreWrittenInBoundedTime() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (long bits = 1; bits < 200_000; bits += 7) {
                EcmaNumber.toString(Double.longBitsToDouble(bits));
            }
            assertEquals("{\"time_of_day\":1e-315}", CanonicalJson.of(JSON.readTree("{\"time_of_day\": 1e-315}")));
        });
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> EcmaNumber.toString(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> EcmaNumber.toString(Double.NEGATIVE_INFINITY));
        var huge = JsonNodeFactory.instance.numberNode(BigInteger.TEN.pow(400));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(huge));
        var lone = JsonNodeFactory.instance.textNode("a\ud800b");
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(lone));
    }

    /** RFC 8785 3.2.3 and 3.2.2.2: members sorted by UTF-16 code units, strings escaped as JSON.stringify does. */
    @Test
    void sortsMembersAndEscapesStringsAsTheRfcDoes() throws Exception {
        String sorting = """
                {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                 "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}""";
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
                + "\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                CanonicalJson.of(JSON.readTree(sorting)));
        String rfcExample = """
                {"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                 "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                 "literals": [null, true, false]}""";
        assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", CanonicalJson.of(JSON.readTree(rfcExample)));
    }

    private static double bits(String hex) {
        return Double.longBitsToDouble(new BigInteger(hex, 16).longValue());
    }
}
