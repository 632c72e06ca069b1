package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.rule.ProjectContext;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the repository shows that the app runs in production, where rules that would say nothing of a demo run on
 * its author's machine speak up: it shows how the app is deployed ({@link DeployModel#showsDeployment}), or prod
 * config gives an endpoint's URL the public domain it is served at ({@code url: [host: "api.rollforguild.com"]}),
 * which such a demo has no use for (the generators write {@code example.com}; a deployment kept outside the
 * repository, a Distillery release copied to a host by hand, still serves that domain).
 */
public record ProductionShown(boolean shown) {
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

    public static ProductionShown of(ProjectContext project) {
        return project.model(ProductionShown.class, ProductionShown::read);
    }

    private static ProductionShown read(ProjectContext project) {
        return new ProductionShown(DeployModel.of(project).showsDeployment() || servedDomain(project) != null);
    }

    /** The first public domain that prod config gives an endpoint's {@code url: [host: …]}, or null. */
    private static String servedDomain(ProjectContext project) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        for (PhoenixApp.Endpoint endpoint : ProjectModel.of(project).phoenix().endpoints()) {
            String app = endpoint.otpApp();
            if (app == null) {
                continue;
            }
            ConfigValue host = prod.effective(app, endpoint.module().name(), "url", "host");
            String value = host.isSet() ? ElixirSyntax.stringLiteral(host.call().tree(), host.value()) : null;
            if (value != null && isPublicDomain(value)) {
                return value;
            }
        }
        return null;
    }

    /** Whether a host is a domain of the public internet: not loopback, reserved, private or a placeholder. */
    static boolean isPublicDomain(String host) {
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
