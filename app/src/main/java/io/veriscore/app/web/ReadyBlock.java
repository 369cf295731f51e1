package io.veriscore.app.web;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One block once the service is up: where it answers, where its documentation is, the development credentials when
 * this start generated them (shown this once), and what is development-only. Everything else stays in the log lines.
 */
@ApplicationScoped
public class ReadyBlock {

    private static final Logger LOG = Logger.getLogger(ReadyBlock.class);
    private static final String RULE = "=".repeat(100);

    private final List<ReadyNotes> notes;
    private final String host;
    private final int port;

    ReadyBlock(@All List<ReadyNotes> notes, @ConfigProperty(name = "quarkus.http.host") String host, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.notes = notes;
        this.host = host;
        this.port = port;
    }

    void ready(@Observes StartupEvent event) {
        LOG.info(String.join(System.lineSeparator(), lines()));
    }

    public List<String> lines() {
        String url = "http://" + host + ":" + port;
        List<String> lines = new ArrayList<>(List.of("", RULE, "Veriscore is ready at " + url,
                "  API documentation: " + url + "/q/swagger-ui (OpenAPI: " + url + "/q/openapi)"));
        notes.forEach(feature -> feature.readyNotes().forEach(note -> lines.add("  " + note)));
        lines.add(RULE);
        return lines;
    }
}
