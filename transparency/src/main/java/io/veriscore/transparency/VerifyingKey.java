package io.veriscore.transparency;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 public key. Its id is the SHA-256 of its 32 raw bytes, in hex: records name the key that signed them,
 * and old keys stay published after a rotation, so old records stay verifiable.
 */
public record VerifyingKey(byte[] raw) {

    public VerifyingKey {
        if (raw == null || raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has " + Ed25519PublicKeyParameters.KEY_SIZE + " bytes");
        }
        raw = raw.clone();
    }

    /** From the {@code x} member of an OKP JSON Web Key (RFC 8037): base64url without padding. */
    public static VerifyingKey fromJwkX(String x) {
        return new VerifyingKey(Base64.getUrlDecoder().decode(x));
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public String keyId() {
        return Sha256.hex(raw);
    }

    /** The {@code x} member of this key's JSON Web Key ({@code kty: OKP, crv: Ed25519}). */
    public String jwkX() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(raw, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifyingKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "VerifyingKey[" + keyId() + "]";
    }
}
