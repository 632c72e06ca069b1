package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kamal deploy config ({@code config/deploy.yml}, a destination's {@code config/deploy.staging.yml}): the image runs
 * on the servers it lists, with the variables of its {@code env:} ({@code clear:} values and {@code secret:} names, or
 * a flat map). Kamal 2 puts kamal-proxy in front ({@code proxy:}): the proxy terminates TLS when {@code ssl: true}
 * and, before it sends a new container traffic, requests its {@code healthcheck: path:} ({@code /up} unless set)
 * over plain HTTP straight to the container, with no {@code X-Forwarded-Proto} and the container's name as host, and
 * waits for a 200. Read by indentation, like the other YAML files the model reads.
 */
public final class KamalDeploy {
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z_][\\w-]*):\\s*(.*?)\\s*(?:#.*)?$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*-\\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?\\s*(?:#.*)?$");
    /** The path kamal-proxy requests when the config names none. */
    static final String DEFAULT_HEALTH_PATH = "/up";

    private final DocumentSnapshot file;
    private final Set<String> environment;
    private final boolean proxy;
    private final boolean proxySsl;
    private final String healthPath;

    private KamalDeploy(DocumentSnapshot file, Set<String> environment, boolean proxy, boolean proxySsl,
                        String healthPath) {
        this.file = file;
        this.environment = Set.copyOf(environment);
        this.proxy = proxy;
        this.proxySsl = proxySsl;
        this.healthPath = healthPath;
    }

    static KamalDeploy read(DocumentSnapshot file) {
        String[] lines = file.text().text().split("\n", -1);
        Set<String> environment = new LinkedHashSet<>();
        boolean proxy = false;
        boolean ssl = false;
        String health = DEFAULT_HEALTH_PATH;
        for (int i = 0; i < lines.length; i++) {
            Matcher top = KEY.matcher(lines[i]);
            if (!top.matches() || !top.group(1).isEmpty()) {
                continue;
            }
            List<String> block = IndentedLines.blockBelow(lines, i, 0);
            if (top.group(2).equals("env")) {
                readEnvironment(block, environment);
            } else if (top.group(2).equals("proxy")) {
                proxy = true;
                for (int j = 0; j < block.size(); j++) {
                    Matcher entry = KEY.matcher(block.get(j));
                    if (!entry.matches()) {
                        continue;
                    }
                    ssl |= entry.group(2).equals("ssl") && entry.group(3).equals("true");
                    if (entry.group(2).equals("healthcheck")) {
                        String path = pathBelow(IndentedLines.blockBelow(block.toArray(String[]::new), j,
                                entry.group(1).length()));
                        health = path != null ? path : health;
                    }
                }
            }
        }
        return new KamalDeploy(file, environment, proxy, ssl, health);
    }

    /** {@code clear:} keys, {@code secret:} items, or the keys of a flat {@code env:} map. */
    private static void readEnvironment(List<String> block, Set<String> into) {
        for (String line : block) {
            Matcher entry = KEY.matcher(line);
            if (entry.matches() && !entry.group(2).equals("clear") && !entry.group(2).equals("secret")
                    && !entry.group(2).equals("tags")) {
                into.add(entry.group(2));
                continue;
            }
            Matcher item = LIST_ITEM.matcher(line);
            if (item.matches()) {
                into.add(item.group(1));
            }
        }
    }

    private static String pathBelow(List<String> block) {
        for (String line : block) {
            Matcher entry = KEY.matcher(line);
            if (entry.matches() && entry.group(2).equals("path")) {
                String path = entry.group(3).replaceAll("^[\"']|[\"']$", "");
                return path.isEmpty() ? null : path;
            }
        }
        return null;
    }

    public DocumentSnapshot file() {
        return file;
    }

    /** The variables the config gives the running container. */
    public Set<String> environment() {
        return environment;
    }

    /** Whether kamal-proxy (Kamal 2's {@code proxy:}) fronts the app. */
    public boolean proxied() {
        return proxy;
    }

    /** Whether kamal-proxy terminates TLS and forwards plain HTTP with {@code X-Forwarded-Proto}. */
    public boolean proxyTerminatesTls() {
        return proxy && proxySsl;
    }

    /** The path kamal-proxy requests before it sends a container traffic, or null without the proxy. */
    public String healthPath() {
        return proxy ? healthPath : null;
    }
}
