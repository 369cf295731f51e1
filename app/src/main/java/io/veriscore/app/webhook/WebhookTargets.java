package io.veriscore.app.webhook;

import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may point: an absolute http or https URL without credentials, and unless private targets are
 * allowed, not at loopback, private, link-local or unspecified addresses (checked on registration for literal
 * addresses, and again for every address the host resolves to before each delivery).
 */
final class WebhookTargets {

    private static final int MAX_URL_LENGTH = 2000;

    private WebhookTargets() {}

    static void checkRegistered(String url, boolean allowPrivate) {
        URI uri = parse(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean literal = host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        if (!allowPrivate && (host.equals("localhost") || host.endsWith(".localhost") || literal && isPrivate(resolve(host)))) {
            throw refused("a webhook may not point at a loopback, private or link-local address");
        }
    }

    /** Before a delivery: the host's addresses now, which DNS may have changed since registration. */
    static void checkDelivered(URI uri, boolean allowPrivate) throws UnknownHostException {
        if (allowPrivate) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
            if (isPrivate(address)) {
                throw new IllegalStateException(uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", a loopback, private or link-local address");
            }
        }
    }

    private static URI parse(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw refused("the URL has more than " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                throw refused("give an absolute http or https URL with a host, and no credentials or fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw refused("not a URL: " + e.getReason());
        }
    }

    private static InetAddress resolve(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal address: no lookup
        } catch (UnknownHostException e) {
            throw refused("not an IP address: " + literal);
        }
    }

    static boolean isPrivate(InetAddress address) {
        boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    }

    private static VeriscoreException refused(String why) {
        return VeriscoreException.unprocessable("the webhook URL is refused: " + why, List.of(new FieldError("/url", why)));
    }
}
