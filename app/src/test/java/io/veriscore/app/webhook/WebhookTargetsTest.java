package io.veriscore.app.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.app.error.VeriscoreException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Webhook targets: every special-purpose range refused, numeric forms included; a delivery connects to the address checked. */
class WebhookTargetsTest {

    @Test
    void specialPurposeAndNumericFormsAreRefused() {
        for (String host : new String[] {"0x7f000001", "0177.0.0.1", "2130706433", "127.1", "localhost.", "localhost", "a.localhost",
                "100.64.0.1", "198.18.0.1", "255.255.255.255", "0.0.0.0", "10.1.2.3", "172.31.0.1", "192.168.1.1", "169.254.169.254",
                "192.0.2.10", "198.51.100.7", "203.0.113.9", "224.0.0.1", "240.0.0.1", "192.0.0.8", "[::1]", "[::]", "[fd00::1]",
                "[fe80::1]", "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[64:ff9b::a00:1]", "[2001:db8::1]", "[2002:7f00:1::]",
                "[ff02::1]", "[100::1]"}) {
            VeriscoreException refused = assertThrows(VeriscoreException.class,
                    () -> WebhookTargets.checkRegistered("http://" + host + ":8080/hook", false), host);
            assertEquals(VeriscoreException.Kind.UNPROCESSABLE, refused.kind(), host);
        }
    }

    @Test
    void publicTargetsAreTaken() {
        for (String host : new String[] {"93.184.216.34", "8.8.8.8", "[2606:4700:4700::1111]", "hooks.example.org", "100.128.0.1",
                "172.32.0.1", "198.20.0.1"}) {
            assertDoesNotThrow(() -> WebhookTargets.checkRegistered("https://" + host + "/hook", false), host);
        }
        assertDoesNotThrow(() -> WebhookTargets.checkRegistered("http://127.0.0.1:9/hook", true), "allowed in development");
        assertThrows(VeriscoreException.class, () -> WebhookTargets.checkRegistered("http://0x7f000001/hook", true),
                "a numeric form is refused even then: resolvers read it differently");
    }

    @Test
    void aDeliveryConnectsToTheAddressItChecked() throws Exception {
        WebhookTargets.Refused refused = assertThrows(WebhookTargets.Refused.class,
                () -> WebhookTargets.addressFor(URI.create("http://localhost:9/hook"), false));
        assertTrue(refused.getMessage().contains("special-purpose"), refused.getMessage());
        assertTrue(WebhookTargets.addressFor(URI.create("http://localhost:9/hook"), true).isLoopbackAddress());
        assertEquals("93.184.216.34", WebhookTargets.addressFor(URI.create("http://93.184.216.34/hook"), false).getHostAddress());
    }
}
