package io.veriscore.transparency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void signsRfc8032TestVectorOne() {
        SigningKey key = SigningKey.fromSeed(hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertArrayEquals(hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), key.verifyingKey().raw());
        assertArrayEquals(hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                + "d25bf5f0595bbe24655141438e7a100b"), key.sign(new byte[0]));
    }

    @Test
    void aSignatureVerifiesOnlyForItsMessageAndKey() {
        SigningKey key = SigningKey.generate(new SecureRandom());
        byte[] message = "{\"score\":0.6869749426841736}".getBytes(StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);
        assertTrue(key.verifyingKey().verify(message, signature));
        byte[] altered = message.clone();
        altered[10] ^= 1;
        assertFalse(key.verifyingKey().verify(altered, signature));
        byte[] forged = signature.clone();
        forged[0] ^= 1;
        assertFalse(key.verifyingKey().verify(message, forged));
        assertFalse(SigningKey.generate(new SecureRandom()).verifyingKey().verify(message, signature));
        assertFalse(key.verifyingKey().verify(message, new byte[3]));
    }

    @Test
    void savesAsOwnerOnlyPkcs8PemAndLoadsBack() throws Exception {
        SigningKey key = SigningKey.generate(new SecureRandom());
        Path file = dir.resolve("keys/service-key.pem");
        key.save(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
        SigningKey loaded = SigningKey.load(file);
        assertEquals(key.verifyingKey(), loaded.verifyingKey());
        assertTrue(key.verifyingKey().verify(new byte[] {7}, loaded.sign(new byte[] {7})));
    }

    @Test
    void theKeyIdIsTheSha256OfThePublicKeyAndTheJwkRoundTrips() {
        VerifyingKey a = SigningKey.generate(new SecureRandom()).verifyingKey();
        VerifyingKey b = SigningKey.generate(new SecureRandom()).verifyingKey();
        assertEquals(64, a.keyId().length());
        assertNotEquals(a.keyId(), b.keyId());
        assertEquals(a, VerifyingKey.fromJwkX(a.jwkX()));
        assertEquals(43, a.jwkX().length());
    }

    @Test
    void refusesAFileThatIsNotAnEd25519Key() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        assertThrows(IllegalArgumentException.class, () -> SigningKey.load(file));
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
