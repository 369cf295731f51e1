package io.veriscore.app.web;

import io.veriscore.app.chain.ChainConfig;
import io.quarkus.runtime.StartupEvent;
import io.veriscore.app.auth.Credentials;
import io.veriscore.app.proof.ProofEngine;
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

    private final Credentials credentials;
    private final ProofEngine prover;
    private final ChainConfig chainConfig;
    private final String host;
    private final int port;

    ReadyBlock(Credentials credentials, ProofEngine prover, ChainConfig chainConfig,
            @ConfigProperty(name = "quarkus.http.host") String host, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.credentials = credentials;
        this.prover = prover;
        this.chainConfig = chainConfig;
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
        credentials.generated().ifPresent(keys -> lines.addAll(List.of(
                "  DEVELOPMENT credentials, shown this once (their hashes are in " + keys.hashesFile() + "; delete it for new ones):",
                "    client:  Authorization: Bearer " + keys.clientKey(),
                "    auditor: Authorization: Bearer " + keys.auditorKey())));
        if (prover.available() && prover.developmentSrs()) {
            lines.add("  WARNING: development SRS, generated here: its proofs convince no third party (set veriscore.prover.srs.path)");
        }
        prover.unavailableReason().ifPresent(reason -> lines.add("  WARNING: proofs are unavailable: " + reason));
        if (chainConfig.enabled() && chainConfig.rpcUrl().isEmpty()) {
            lines.add("  WARNING: development chain (Anvil, a publicly known key), starting in the background; its state "
                    + chainConfig.devStateFile().map(file -> "in " + file).orElse("in memory only"));
        }
        lines.add(RULE);
        return lines;
    }
}
