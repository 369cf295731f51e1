package io.veriscore.transparency;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** An Ed25519 private key (Bouncy Castle), kept in a PKCS#8 PEM file that only its owner may read. */
public final class SigningKey {

    private static final String PEM_TYPE = "PRIVATE KEY";

    private final Ed25519PrivateKeyParameters key;
    private final VerifyingKey verifyingKey;

    private SigningKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
        this.verifyingKey = new VerifyingKey(key.generatePublicKey().getEncoded());
    }

    public static SigningKey generate(SecureRandom random) {
        return new SigningKey(new Ed25519PrivateKeyParameters(random));
    }

    /** The key with this 32-byte secret seed (RFC 8032). */
    static SigningKey fromSeed(byte[] seed) {
        return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Reads a PKCS#8 PEM Ed25519 key, such as {@code openssl genpkey -algorithm ed25519} writes. */
    public static SigningKey load(Path file) {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !PEM_TYPE.equals(pem.getType())) {
                throw new IllegalArgumentException(file + " holds no PKCS#8 '" + PEM_TYPE + "' PEM block");
            }
            AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(pem.getContent());
            if (!(parameters instanceof Ed25519PrivateKeyParameters ed25519)) {
                throw new IllegalArgumentException(file + " holds a " + parameters.getClass().getSimpleName() + ", not an Ed25519 key");
            }
            return new SigningKey(ed25519);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + file, e);
        }
    }

    /** Writes the key as PKCS#8 PEM, readable and writable by its owner only, replacing the file atomically. */
    public void save(Path file) {
        try {
            StringWriter text = new StringWriter();
            try (PemWriter writer = new PemWriter(text)) {
                writer.writeObject(new PemObject(PEM_TYPE, PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded()));
            }
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path staging = Files.createTempFile(directory, ".signing-key", ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(staging, text.toString(), StandardCharsets.US_ASCII);
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key " + file, e);
        }
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }
}
