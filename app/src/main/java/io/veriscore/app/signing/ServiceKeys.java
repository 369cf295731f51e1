package io.veriscore.app.signing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.transparency.SigningKey;
import io.veriscore.transparency.VerifyingKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The service's Ed25519 signing key, loaded from its key file or generated into it on first start, and every
 * public key that has ever signed for this service (they are published so that old records stay verifiable).
 */
@Startup
@ApplicationScoped
public class ServiceKeys {

    private static final Logger LOG = Logger.getLogger(ServiceKeys.class);

    /** A signature and the id of the key that made it. */
    public record Signature(String keyId, byte[] bytes) {}

    /** A published public key. */
    public record Published(VerifyingKey key, Instant createdAt) {}

    private final SigningKey key;
    private final EntityManager entities;

    ServiceKeys(SigningConfig signingConfig, VeriscoreConfig service, EntityManager entities) {
        this.entities = entities;
        Path file = signingConfig.keyFile();
        if (Files.exists(file)) {
            key = SigningKey.load(file);
        } else if (service.mode() == VeriscoreConfig.Mode.PRODUCTION) {
            // A new key would silently change the log's identity: in production it is made and kept on purpose.
            throw new IllegalStateException("veriscore.mode=production needs an existing signing key: " + file.toAbsolutePath()
                    + " does not exist (set veriscore.signing.key-file to the service's Ed25519 key, PKCS#8 PEM)");
        } else {
            key = SigningKey.generate(new SecureRandom());
            key.save(file);
            LOG.infof("Generated a new signing key in %s", file.toAbsolutePath());
        }
        QuarkusTransaction.requiringNew().run(this::publish);
        LOG.infof("Signing with Ed25519 key %s", key.verifyingKey().keyId());
    }

    /** Publishes the key once; instances that share it may start at the same moment, so the first insert wins. */
    private void publish() {
        VerifyingKey current = key.verifyingKey();
        entities.createNativeQuery("INSERT INTO signing_key (key_id, public_key, created_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (key_id) DO NOTHING")
                .setParameter(1, current.keyId()).setParameter(2, current.raw())
                .setParameter(3, Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(java.time.ZoneOffset.UTC))
                .executeUpdate();
    }

    public Signature sign(byte[] message) {
        return new Signature(key.verifyingKey().keyId(), key.sign(message));
    }

    public VerifyingKey current() {
        return key.verifyingKey();
    }

    /** Every key that has signed for this service, oldest first. */
    public List<Published> published() {
        return QuarkusTransaction.joiningExisting().call(() -> entities
                .createQuery("from SigningKeyRecord order by createdAt, keyId", SigningKeyRecord.class).getResultList()
                .stream().map(row -> new Published(new VerifyingKey(row.publicKey), row.createdAt)).toList());
    }
}
