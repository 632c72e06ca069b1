package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.ComposeYaml;
import dev.gotchals.workspace.FileRole;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The services of the repository's Compose files that run the project's release for the public
 * ({@code command: /app/bin/shop start}, or an image built from the project whose own start is the release, set up to
 * restart, publish port 80 or answer to a domain), with the environment each gives it as written. Compose files named
 * for development, tests or CI ({@code docker-compose.dev.yml}, {@code compose.override.yml}) are left out, and so
 * are services that only try the release out on a developer's machine.
 */
public final class ComposeServices {
    /** Words of a Compose file's name that say it is not production's. */
    private static final Pattern NOT_PRODUCTION = Pattern.compile("(^|[._-])(dev|development|local|test|testing|ci|e2e|override)([._-]|$)");

    /**
     * One variable a service sets to a value written in the file: not one Compose interpolates from the environment
     * it runs in ({@code ${SECRET_KEY_BASE}}).
     *
     * @param start where the value starts in the file's text, quotes left out; {@code end} likewise
     */
    public record Variable(DocumentSnapshot file, String service, String name, String value, int start, int end) {
    }

    /** A published port mapped from the host's HTTP or HTTPS port: {@code "80:4000"}, {@code 0.0.0.0:443:4001}. */
    private static final Pattern PUBLIC_PORT = Pattern.compile("(^|:)(80|443):\\d+");
    /** A bind mount of the project's folder, as development setups do: {@code .:/app}, {@code ./:/app}. */
    private static final Pattern SOURCE_MOUNT = Pattern.compile("^\\.(/)?:");

    /** Images of database servers, by the start of their name ({@code postgres:16}, {@code postgis/postgis}). */
    private static final Pattern DATABASE_IMAGE = Pattern.compile("^(docker\\.io/)?(library/)?"
            + "(postgres|postgis/postgis|timescale/timescaledb|mysql|mariadb|mongo)([:@/-]|$)");

    private final List<Variable> releaseEnvironment;
    private final Set<String> privateDatabases;
    private final List<Variable> mixEnvironments;

    private ComposeServices(List<Variable> releaseEnvironment, Set<String> privateDatabases,
                            List<Variable> mixEnvironments) {
        this.releaseEnvironment = releaseEnvironment;
        this.privateDatabases = privateDatabases;
        this.mixEnvironments = mixEnvironments;
    }

    public static ComposeServices of(ProjectContext project) {
        return project.model(ComposeServices.class, ComposeServices::read);
    }

    /** Every variable a service that runs the release sets to a value written in the file, in file order. */
    public List<Variable> releaseEnvironment() {
        return releaseEnvironment;
    }

    /**
     * The {@code MIX_ENV} each service set up to serve the public gives the app ({@code MIX_ENV: docker}), as
     * written in production's Compose files, whatever the service starts (the release or {@code mix phx.server}).
     */
    public List<Variable> mixEnvironments() {
        return mixEnvironments;
    }

    /**
     * Whether {@code host} names a database server that production's Compose files run and publish no port of
     * ({@code db} with {@code image: postgres}, no {@code ports:}): only containers on the same Compose network reach
     * it, so its login is the stack's own, not a credential of a server anyone can reach.
     */
    public boolean isPrivateDatabase(String host) {
        return host != null && privateDatabases.contains(host);
    }

    private static ComposeServices read(ProjectContext project) {
        DeployModel deploy = DeployModel.of(project);
        Set<String> releases = deploy.releaseNames();
        boolean imageStartsRelease = deploy.productionImages().stream().anyMatch(deploy::startsRelease);
        List<Variable> variables = new ArrayList<>();
        Set<String> databases = new HashSet<>();
        Set<String> published = new HashSet<>();
        List<Variable> mixEnvironments = new ArrayList<>();
        for (DocumentSnapshot file : project.files(FileRole.DEPLOY_ENVIRONMENT)) {
            if (isComposeFile(file.path()) && !namedForDevelopment(file.path())) {
                MappingNode services = services(file);
                if (services != null && !servesTestDomain(services)) {
                    read(file, services, releases, imageStartsRelease, variables);
                    databases(services, databases, published);
                    mixEnvironments(file, services, mixEnvironments);
                }
            }
        }
        databases.removeAll(published);
        return new ComposeServices(List.copyOf(variables), Set.copyOf(databases), List.copyOf(mixEnvironments));
    }

    /**
     * Whether a service of the file gives the app a host under a name reserved for tests or private networks
     * ({@code PHX_HOST: shop.test}): the whole file is a stack for tests, its other services included.
     */
    private static boolean servesTestDomain(MappingNode services) {
        for (NodeTuple entry : services.getValue()) {
            if (entry.getValueNode() instanceof MappingNode service) {
                String host = phxHost(service);
                if (host != null && PublicDomains.isReservedName(host)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@code PHX_HOST} a service gives the app as written, or null (unset, or taken from Compose's environment). */
    private static String phxHost(MappingNode service) {
        return items(value(service, "environment")).stream().filter(item -> item.startsWith("PHX_HOST="))
                .map(item -> item.substring("PHX_HOST=".length()).strip()).filter(value -> !value.contains("$"))
                .findFirst().orElse(null);
    }

    /** Adds the {@code MIX_ENV} of each service of one Compose file that serves the public. */
    private static void mixEnvironments(DocumentSnapshot file, MappingNode services, List<Variable> into) {
        for (NodeTuple entry : services.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode serviceName && entry.getValueNode() instanceof MappingNode service
                    && servesProduction(service)) {
                List<Variable> environment = new ArrayList<>();
                environment(file, serviceName.getValue(), value(service, "environment"), environment);
                environment.stream().filter(variable -> variable.name().equals("MIX_ENV")).forEach(into::add);
            }
        }
    }

    /** Adds the services that run a database image, and those that publish a port, of one Compose file. */
    private static void databases(MappingNode services, Set<String> databases, Set<String> published) {
        for (NodeTuple entry : services.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode serviceName && entry.getValueNode() instanceof MappingNode service) {
                String image = text(value(service, "image"));
                if (image != null && DATABASE_IMAGE.matcher(image.toLowerCase(Locale.ROOT)).find()) {
                    databases.add(serviceName.getValue());
                }
                if (value(service, "ports") != null || "host".equals(text(value(service, "network_mode")))) {
                    published.add(serviceName.getValue());
                }
            }
        }
    }

    /**
     * Whether the file is a Compose file named for development, tests or CI ({@code docker-compose.dev.yml},
     * {@code compose.override.yml}).
     */
    static boolean namedForDevelopment(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return isComposeFile(file) && NOT_PRODUCTION.matcher(
                name.replaceFirst("^(docker-)?compose", "").replaceFirst("\\.ya?ml$", "")).find();
    }

    /** Whether an environment file is named for development or tests: {@code .env.e2e}, {@code dev.env}, {@code .env.test}. */
    static boolean envFileNamedForDevelopment(Path file) {
        return !isComposeFile(file) && NOT_PRODUCTION.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT)).find();
    }

    /** Whether the file is a Compose file by its name ({@code docker-compose.prod.yml}, {@code compose.yaml}). */
    static boolean isComposeFile(Path file) {
        return ComposeYaml.isComposeFile(file);
    }

    /** The {@code services:} of a Compose file, or null when it has none or is not YAML Compose can read. */
    private static MappingNode services(DocumentSnapshot file) {
        return ComposeYaml.services(file.text().text());
    }

    private static void read(DocumentSnapshot file, MappingNode services, Set<String> releases,
                             boolean imageStartsRelease, List<Variable> variables) {
        for (NodeTuple entry : services.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode serviceName && entry.getValueNode() instanceof MappingNode service
                    && runsRelease(service, releases, imageStartsRelease) && servesProduction(service)) {
                environment(file, serviceName.getValue(), value(service, "environment"), variables);
            }
        }
    }

    /**
     * Whether the service runs the release: its command starts a release script ({@code bin/shop start}), or it
     * builds an image from the project and keeps that image's own start, which is the release's.
     */
    private static boolean runsRelease(MappingNode service, Set<String> releases, boolean imageStartsRelease) {
        String command = text(value(service, "command"));
        if (command == null) {
            return value(service, "build") != null && imageStartsRelease;
        }
        for (String release : releases == null ? Set.<String>of() : releases) {
            if (Pattern.compile("(^|[/\\s\"'])bin/" + Pattern.quote(release) + "\\s+(start|foreground|daemon)\\b")
                    .matcher(command).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the service is set up to serve the public rather than a developer: it restarts on its own
     * ({@code restart: always}, {@code unless-stopped}), publishes HTTP's or HTTPS's port, answers to a domain
     * ({@code hostname: shop.example}, a {@code container_name} with a dot, {@code PHX_HOST: shop.example.org}, a
     * reverse proxy's routing labels), or is a
     * Swarm service ({@code deploy:}); and nothing in it points at the developer's machine (a {@code localhost}
     * address) or mounts the source tree. (A file whose services answer to a test domain is left out whole:
     * {@link #servesTestDomain}.) Compose files of that kind are often the only deployment a self-hosted
     * app documents; one that only tries the release out locally is not production's.
     */
    private static boolean servesProduction(MappingNode service) {
        String restart = text(value(service, "restart"));
        boolean restarts = restart != null && (restart.equals("always") || restart.equals("unless-stopped"));
        boolean publicPort = items(value(service, "ports")).stream().anyMatch(port -> PUBLIC_PORT.matcher(port).find());
        String hostname = text(value(service, "hostname"));
        String container = text(value(service, "container_name"));
        String host = phxHost(service);
        boolean domain = hostname != null && hostname.contains(".") || container != null && container.contains(".")
                || host != null && PublicDomains.isPublic(host);
        String labels = String.join(" ", items(value(service, "labels")));
        boolean routed = labels.contains("traefik.http.routers") || labels.contains("caddy");
        boolean production = restarts || publicPort || domain || routed || value(service, "deploy") != null;
        boolean developers = items(value(service, "volumes")).stream().anyMatch(volume -> SOURCE_MOUNT.matcher(volume).find())
                || String.join(" ", items(value(service, "environment"))).contains("localhost");
        return production && !developers;
    }

    /** The items of a list, or of a map as {@code key=value}, as text; empty when there is neither. */
    private static List<String> items(Node node) {
        List<String> items = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> items.add(item instanceof ScalarNode scalar ? scalar.getValue() : ""));
        } else if (node instanceof MappingNode map) {
            for (NodeTuple pair : map.getValue()) {
                items.add(text(pair.getKeyNode()) + "=" + text(pair.getValueNode()));
            }
        }
        return items;
    }

    /** {@code environment:} as a map ({@code KEY: value}) or a list ({@code - KEY=value}). */
    private static void environment(DocumentSnapshot file, String service, Node environment, List<Variable> variables) {
        if (environment instanceof MappingNode map) {
            for (NodeTuple pair : map.getValue()) {
                if (pair.getKeyNode() instanceof ScalarNode key && pair.getValueNode() instanceof ScalarNode value
                        && written(value.getValue())) {
                    variables.add(new Variable(file, service, key.getValue(), value.getValue(), start(file, value),
                            start(file, value) + value.getValue().length()));
                }
            }
        } else if (environment instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                String text = item instanceof ScalarNode scalar ? scalar.getValue() : "";
                int equals = text.indexOf('=');
                if (equals > 0 && written(text.substring(equals + 1))) {
                    int start = start(file, (ScalarNode) item) + equals + 1;
                    variables.add(new Variable(file, service, text.substring(0, equals), text.substring(equals + 1),
                            start, start + text.length() - equals - 1));
                }
            }
        }
    }

    /** A value written in the file: not empty, and nothing in it interpolated from Compose's own environment. */
    private static boolean written(String value) {
        return !value.isEmpty() && !value.contains("${") && !value.startsWith("$");
    }

    /** Where a scalar's text starts in the file, past an opening quote. */
    private static int start(DocumentSnapshot file, ScalarNode scalar) {
        int index = scalar.getStartMark().getIndex();
        String text = file.text().text();
        return index < text.length() && (text.charAt(index) == '"' || text.charAt(index) == '\'') ? index + 1 : index;
    }

    private static Node value(MappingNode map, String key) {
        return ComposeYaml.value(map, key);
    }

    /** A command as one line: a string as written, a list's words joined by spaces; null when there is none. */
    private static String text(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        return node instanceof SequenceNode ? String.join(" ", items(node)) : null;
    }
}
