package io.veriscore.app.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The block printed once the service is up says where it answers and what is development-only. */
@QuarkusTest
public class ReadyBlockTest {

    @Inject
    ReadyBlock block;

    @Test
    void namesTheUrlTheDocumentationAndTheDevelopmentSrs() {
        List<String> lines = block.lines();
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("Veriscore is ready at http://127.0.0.1:")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("/q/swagger-ui")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("WARNING: development SRS")), lines.toString());
    }
}
