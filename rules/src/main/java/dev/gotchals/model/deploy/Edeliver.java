package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * edeliver's {@code .deliver/config}: the host (and user) that builds the release, and the hosts it is delivered
 * to. A build on the one production host, as its user, reads that host's own environment (the same
 * {@code ~/.profile} the release runs with), and every deploy builds there again.
 */
public final class Edeliver {
    /** A shell assignment of the config: {@code BUILD_HOST="sivu.website"}. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^\\s*([A-Z_]+)=[\"']?([^\"'\\n#]*)[\"']?\\s*(?:#.*)?$");

    /**
     * A link or copy onto a config file of the build's checkout, from a path on the build host
     * ({@code ln -sfn '$_prod_secret_path' '$BUILD_AT/config/prod.secret.exs'}, as edeliver's Phoenix recipe does) or
     * from another file of the checkout
     * ({@code cp '$BUILD_AT/config/prod.aws.exs' '$BUILD_AT/config/prod.override.exs'}).
     */
    private static final Pattern BUILD_HOST_CONFIG = Pattern.compile(
            "\\b(?:ln\\s+-[a-zA-Z]*s[a-zA-Z]*|cp(?:\\s+-[a-zA-Z]+)*)\\s+['\"]?([^'\"\\s]+)['\"]?"
            + "\\s+['\"]?\\$\\{?BUILD_AT}?/([^'\"\\s;]+)");
    /** A source inside the checkout being built: {@code '$BUILD_AT/config/prod.aws.exs'}. */
    private static final Pattern IN_CHECKOUT = Pattern.compile("^\\$\\{?BUILD_AT}?/(.+)$");

    private final Map<String, String> settings;
    private final Set<String> buildHostFiles;
    private final Map<String, String> checkoutCopies;

    private Edeliver(Map<String, String> settings, Set<String> buildHostFiles, Map<String, String> checkoutCopies) {
        this.settings = settings;
        this.buildHostFiles = buildHostFiles;
        this.checkoutCopies = checkoutCopies;
    }

    /** The project's edeliver config, or null when it has none. */
    public static Edeliver of(ProjectContext project) {
        DocumentSnapshot config = project.file(project.project().root().resolve(".deliver/config"));
        if (config == null) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher assignment = ASSIGNMENT.matcher(config.text().text());
        while (assignment.find()) {
            settings.putIfAbsent(assignment.group(1), assignment.group(2).strip());
        }
        Set<String> buildHostFiles = new TreeSet<>();
        Map<String, String> checkoutCopies = new LinkedHashMap<>();
        Matcher link = BUILD_HOST_CONFIG.matcher(config.text().text());
        while (link.find()) {
            Matcher inCheckout = IN_CHECKOUT.matcher(link.group(1));
            if (inCheckout.matches()) {
                checkoutCopies.put(link.group(2), inCheckout.group(1));
            } else {
                buildHostFiles.add(link.group(2));
            }
        }
        return new Edeliver(settings, Set.copyOf(buildHostFiles), Map.copyOf(checkoutCopies));
    }

    /**
     * The files of the checkout (relative to the project: {@code config/prod.secret.exs}) that the build replaces with
     * one kept on the build host: what the repository holds there is a developer's stand-in, not production's.
     */
    public Set<String> buildHostFiles() {
        return buildHostFiles;
    }

    /**
     * The files of the checkout the build writes from another file of the same checkout, by path relative to the
     * project ({@code config/prod.override.exs} → {@code config/prod.aws.exs}): the build's config is that file's.
     */
    public Map<String, String> checkoutCopies() {
        return checkoutCopies;
    }

    /**
     * Whether each production host's release reads a sys.config kept on that host ({@code LINK_SYS_CONFIG}, with
     * Distillery's {@code Releases.Plugin.LinkConfig}) instead of the one the build wrote: its operator's file may set
     * any key at boot.
     */
    public boolean linksSysConfig() {
        return !settings.getOrDefault("LINK_SYS_CONFIG", "").isEmpty();
    }

    /**
     * Whether the release is built on the production host, as the production user: {@code BUILD_HOST} is the only
     * one of {@code PRODUCTION_HOSTS} and {@code BUILD_USER} is {@code PRODUCTION_USER}.
     */
    public boolean buildsWhereItRuns() {
        String host = settings.getOrDefault("BUILD_HOST", "");
        Set<String> production = new TreeSet<>(Arrays.asList(settings.getOrDefault("PRODUCTION_HOSTS", "").split("\\s+")));
        production.remove("");
        String user = settings.get("BUILD_USER");
        return !host.isEmpty() && !host.contains("$") && production.equals(Set.of(host))
                && user != null && user.equals(settings.get("PRODUCTION_USER"));
    }
}
