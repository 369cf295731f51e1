package io.veriscore.app.auth;

import io.veriscore.transparency.Sha256;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.config.VeriscoreConfig.Mode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The API credentials, known only by the SHA-256 of their keys. Keys are 256 random bits, so a plain SHA-256 is
 * as safe to store as a slow password hash would be.
 */
@Startup
@ApplicationScoped
public class Credentials {

    private static final Logger LOG = Logger.getLogger(Credentials.class);
    private static final TypeReference<List<Stored>> STORED = new TypeReference<>() {};

    /** A credential as the development file keeps it. */
    record Stored(String name, Role role, String keySha256) {}

    private final Map<String, Caller> byKeySha256 = new HashMap<>();

    Credentials(VeriscoreConfig config, ObjectMapper mapper) {
        config.auth().credentials().forEach((name, credential) -> add(new Stored(name, credential.role(), credential.keySha256())));
        if (byKeySha256.isEmpty()) {
            if (config.mode() == Mode.PRODUCTION) {
                throw new IllegalStateException("veriscore.mode=production needs API credentials: set"
                        + " veriscore.auth.credentials.<name>.role and .key-sha256 (see README.md)");
            }
            development(config.auth().devCredentialsFile(), mapper).forEach(this::add);
        }
    }

    /** The caller a bearer key belongs to. */
    public Optional<Caller> authenticate(String key) {
        return Optional.ofNullable(byKeySha256.get(sha256(key)));
    }

    private void add(Stored credential) {
        if (!credential.keySha256().matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("credential " + credential.name() + ": key-sha256 must be 64 lower-case hex digits");
        }
        byKeySha256.put(credential.keySha256(), new Caller(credential.name(), credential.role()));
    }

    /** The development credentials: generated, printed once and kept (hashed) at first start; read afterwards. */
    private static List<Stored> development(Path file, ObjectMapper mapper) {
        try {
            if (Files.exists(file)) {
                return mapper.readValue(file.toFile(), STORED);
            }
            String client = newKey();
            String auditor = newKey();
            List<Stored> created = List.of(new Stored("dev-client", Role.CLIENT, sha256(client)),
                    new Stored("dev-auditor", Role.AUDITOR, sha256(auditor)));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, mapper.writeValueAsBytes(created));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            LOG.warnf("DEVELOPMENT credentials, shown this once (their hashes are in %s; delete it for new ones):%n"
                    + "  client:  Authorization: Bearer %s%n  auditor: Authorization: Bearer %s", file, client, auditor);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the development credentials " + file, e);
        }
    }

    private static String newKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return "vsk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String sha256(String key) {
        return Sha256.hex(key);
    }
}
