package dev.gotchals.model.deploy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which host names are domains of the public internet, where an app is served to strangers: not a loopback name, a
 * top-level name reserved for tests and private networks ({@code shop.test}, {@code box.local}) or a placeholder
 * ({@code example.com}, {@code yourdomain.com}).
 */
public final class PublicDomains {
    /** A host name of two or more labels whose last is a word: no IP address. */
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}");
    /** Top-level names reserved for tests, documentation and private networks. */
    private static final Set<String> PRIVATE_TOP_LEVELS = Set.of("test", "example", "invalid", "localhost", "local",
            "internal", "lan", "home", "corp", "localdomain");
    /** Domains whose every name resolves to a loopback address, for local development. */
    private static final Set<String> LOOPBACK_DOMAINS = Set.of("lvh.me", "nip.io", "sslip.io", "xip.io",
            "localtest.me");
    /** Words of a domain written as a placeholder: {@code example.com}, {@code yourdomain.com}, {@code my-app.com}. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(^|[.-])example[.-]|your-?(domain|app|site|host)|my-?(domain|app|site|host)\\.|(^|\\.)domain\\.com$"
                    + "|change-?me|placeholder");

    private PublicDomains() {
    }

    /**
     * Whether a host is a domain name, but none of the public internet: a name reserved for tests or private
     * networks, a loopback domain or a placeholder ({@code shop.test}, {@code example.com}). An IP address is no name
     * of either kind.
     */
    public static boolean isReservedName(String host) {
        return DOMAIN.matcher(host.strip().toLowerCase(Locale.ROOT)).matches() && !isPublic(host);
    }

    /** Whether a host is a domain of the public internet: not loopback, reserved, private or a placeholder. */
    public static boolean isPublic(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(name).matches() || PLACEHOLDER.matcher(name).find()) {
            return false;
        }
        String top = name.substring(name.lastIndexOf('.') + 1);
        return !PRIVATE_TOP_LEVELS.contains(top)
                && LOOPBACK_DOMAINS.stream()
                        .noneMatch(loopback -> name.equals(loopback) || name.endsWith("." + loopback));
    }
}
