package io.veriscore.app.webhook;

import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a webhook may point: an absolute http or https URL without credentials. Unless private targets are allowed,
 * not at an address of the IANA special-purpose registries (loopback, private, shared, link-local, documentation,
 * benchmarking, multicast, reserved, broadcast; IPv4 and IPv6), nor at {@code localhost}: checked on registration for
 * literal addresses, and for every address the host resolves to before each delivery, which then connects to the
 * address that was checked (no second look-up). A host written as a number in another form than dotted decimal
 * ({@code 0x7f000001}, {@code 0177.0.0.1}, {@code 2130706433}) is refused: resolvers read such forms differently.
 */
final class WebhookTargets {

    private static final int MAX_URL_LENGTH = 2000;
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}");
    private static final Pattern DOTTED_DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    /** IANA IPv4 and IPv6 Special-Purpose Address Registries, and multicast. */
    private static final List<Block> SPECIAL_PURPOSE = List.of(
            Block.of("0.0.0.0/8"), Block.of("10.0.0.0/8"), Block.of("100.64.0.0/10"), Block.of("127.0.0.0/8"),
            Block.of("169.254.0.0/16"), Block.of("172.16.0.0/12"), Block.of("192.0.0.0/24"), Block.of("192.0.2.0/24"),
            Block.of("192.31.196.0/24"), Block.of("192.52.193.0/24"), Block.of("192.88.99.0/24"), Block.of("192.168.0.0/16"),
            Block.of("192.175.48.0/24"), Block.of("198.18.0.0/15"), Block.of("198.51.100.0/24"), Block.of("203.0.113.0/24"),
            Block.of("224.0.0.0/4"), Block.of("240.0.0.0/4"),
            Block.of("::/96"), Block.of("::1/128"), Block.of("::ffff:0:0/96"), Block.of("64:ff9b::/96"), Block.of("64:ff9b:1::/48"),
            Block.of("100::/64"), Block.of("2001::/23"), Block.of("2001:db8::/32"), Block.of("2002::/16"), Block.of("3fff::/20"),
            Block.of("5f00::/16"), Block.of("fc00::/7"), Block.of("fe80::/10"), Block.of("fec0::/10"), Block.of("ff00::/8"));

    /** A block of addresses: a prefix of {@code length} bits. */
    record Block(byte[] prefix, int length) {
        static Block of(String cidr) {
            String[] parts = cidr.split("/");
            try {
                return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int bits = address.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(length).not();
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, prefix).and(mask));
        }
    }

    private WebhookTargets() {}

    static void checkRegistered(String url, boolean allowPrivate) {
        URI uri = parse(url);
        String host = host(uri);
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_DECIMAL.matcher(host).matches()) {
            throw refused("write a numeric host as a dotted-decimal IPv4 address or a bracketed IPv6 address");
        }
        if (allowPrivate) {
            return;
        }
        boolean literal = host.startsWith("[") || DOTTED_DECIMAL.matcher(host).matches();
        if (host.equals("localhost") || host.endsWith(".localhost") || literal && isSpecialPurpose(literal(host))) {
            throw refused("a webhook may not point at a loopback, private, link-local or other special-purpose address");
        }
    }

    /**
     * Before a delivery: the address to connect to, from the host's addresses now (DNS may have changed since
     * registration). Every one of them must be public, so that a host that answers with a mix is refused.
     *
     * @throws Refused when one is not
     */
    static InetAddress addressFor(URI uri, boolean allowPrivate) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host(uri).replaceAll("^\\[|\\]$", ""));
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (isSpecialPurpose(address)) {
                    throw new Refused(uri.getHost() + " resolves to " + address.getHostAddress() + ", a special-purpose address");
                }
            }
        }
        return addresses[0];
    }

    /** The target's address is one a webhook may not reach. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static boolean isSpecialPurpose(InetAddress address) {
        byte[] bytes = address.getAddress();
        return SPECIAL_PURPOSE.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The URL's host, lower case, without the trailing dot of a fully qualified name ({@code localhost.}). */
    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
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

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // a literal address: no lookup
        } catch (UnknownHostException e) {
            throw refused("not an IP address: " + host);
        }
    }

    private static VeriscoreException refused(String why) {
        return VeriscoreException.unprocessable("the webhook URL is refused: " + why, List.of(new FieldError("/url", why)));
    }
}
