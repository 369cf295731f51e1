package io.veriscore.app.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

@ConfigMapping(prefix = "veriscore.signing")
public interface SigningConfig {
    /**
     * The service's Ed25519 key, PKCS#8 PEM. Generated on first start (owner-only permissions) when the file does
     * not exist. To rotate, point this at a new key: the old public key stays published in {@code GET /v1/keys}.
     */
    @WithDefault(".veriscore/keys/signing-key.pem")
    Path keyFile();
}
