package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.shell.ShellScript;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fly.io's {@code fly.toml}, read with tomlj: the release command run before each deploy, the processes that replace
 * the image's CMD, the environment, the build source and the checks that decide which machines take traffic.
 */
public final class FlyToml {
    private final DocumentSnapshot file;
    private final TomlParseResult toml;
    private final int[] lineStarts;

    /** A command written as a TOML string, parsed as shell at its place in the file. */
    public record Command(String name, ShellScript script) {
    }

    private FlyToml(DocumentSnapshot file) {
        this.file = file;
        String text = file.text().text();
        this.toml = Toml.parse(text);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static FlyToml read(DocumentSnapshot file) {
        return file == null ? null : new FlyToml(file);
    }

    public DocumentSnapshot file() {
        return file;
    }

    /** {@code [deploy] release_command} (or a top-level one), or null. */
    public Command releaseCommand() {
        Command command = command(List.of("deploy", "release_command"));
        return command != null ? command : command(List.of("release_command"));
    }

    /** {@code [processes]}, by name, in order; empty when the image's own CMD runs. */
    public List<Command> processes() {
        List<Command> processes = new ArrayList<>();
        TomlTable table = typed(toml.get("processes"), TomlTable.class);
        if (table != null) {
            for (String name : table.keySet()) {
                Command command = command(List.of("processes", name));
                if (command != null) {
                    processes.add(command);
                }
            }
        }
        return processes;
    }

    /**
     * {@code value} when it has the type the model reads, else null: fly.toml's formats changed over the years
     * ({@code processes = []} in old files), and a key of another type is not the one meant.
     */
    private static <T> T typed(Object value, Class<T> type) {
        return type.isInstance(value) ? type.cast(value) : null;
    }

    /** {@code [env]}: the variables every machine of the app gets. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        TomlTable table = typed(toml.get("env"), TomlTable.class);
        if (table != null) {
            for (String name : table.keySet()) {
                Object value = table.get(List.of(name));
                environment.put(name, value == null ? "" : String.valueOf(value));
            }
        }
        return environment;
    }

    /** {@code [build] dockerfile}, or null when fly builds the default {@code Dockerfile} or an image. */
    public String dockerfile() {
        return typed(toml.get(List.of("build", "dockerfile")), String.class);
    }

    /** {@code [build] image}, or null. */
    public String image() {
        return typed(toml.get(List.of("build", "image")), String.class);
    }

    /**
     * One check Fly runs against a machine: {@code http} with the path it requests, or {@code tcp}.
     *
     * @param protocol the protocol an http check requests with ({@code http} unless it says {@code https})
     * @param headers  the headers an http check sends, by name as written
     */
    public record Check(String type, String path, String protocol, Map<String, String> headers, boolean routesTraffic) {
        public Check {
            headers = Map.copyOf(headers);
        }

        /** A service check with Fly's defaults: plain HTTP, no headers. */
        public Check(String type, String path) {
            this(type, path, null, Map.of(), true);
        }

        /**
         * Whether it requests over plain HTTP and says nothing of HTTPS: Fly's checker goes straight to the machine,
         * past the proxy that sets {@code X-Forwarded-Proto}, so the app sees a plain-HTTP request.
         */
        public boolean plainHttp() {
            if (!type.equals("http") || "https".equalsIgnoreCase(protocol)) {
                return false;
            }
            return headers.entrySet().stream().noneMatch(header -> header.getKey().equalsIgnoreCase("x-forwarded-proto")
                    && header.getValue().equalsIgnoreCase("https"));
        }
    }

    /**
     * Every check: those Fly's proxy routes by ({@code [[http_service.checks]]}, the {@code http_checks} and
     * {@code tcp_checks} of every {@code [[services]]}), then the top-level ones of {@code [checks.NAME]}, which
     * Fly runs for monitoring and while it deploys, and routes no request by ({@link Check#routesTraffic()} false).
     */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        addChecks(typed(toml.get(List.of("http_service", "checks")), TomlArray.class), "http", checks);
        TomlArray services = typed(toml.get("services"), TomlArray.class);
        for (int i = 0; services != null && i < services.size(); i++) {
            if (services.get(i) instanceof TomlTable service) {
                addChecks(typed(service.get("http_checks"), TomlArray.class), "http", checks);
                addChecks(typed(service.get("tcp_checks"), TomlArray.class), "tcp", checks);
            }
        }
        TomlTable machineChecks = typed(toml.get("checks"), TomlTable.class);
        if (machineChecks != null) {
            for (String name : machineChecks.keySet()) {
                if (machineChecks.get(List.of(name)) instanceof TomlTable check) {
                    String type = typed(check.get("type"), String.class);
                    checks.add(check(type == null ? "tcp" : type, check, false));
                }
            }
        }
        return checks;
    }

    private static void addChecks(TomlArray array, String type, List<Check> checks) {
        for (int i = 0; array != null && i < array.size(); i++) {
            if (array.get(i) instanceof TomlTable check) {
                checks.add(check(type, check, true));
            }
        }
    }

    private static Check check(String type, TomlTable check, boolean routesTraffic) {
        Map<String, String> headers = new LinkedHashMap<>();
        Object written = check.get("headers");
        if (written instanceof TomlTable table) {
            for (String name : table.keySet()) {
                headers.put(name, String.valueOf(table.get(List.of(name))));
            }
        }
        return new Check(type, typed(check.get("path"), String.class), typed(check.get("protocol"), String.class),
                headers, routesTraffic);
    }

    /**
     * The char range {@code [start, end)} of the line that names the app ({@code app = "shop"}), else of the
     * file's first line: where a finding about the deployment as a whole is shown.
     */
    public int[] appLine() {
        String text = file.text().text();
        TomlPosition position = toml.inputPositionOf(List.of("app"));
        int start = position == null || position.line() - 1 >= lineStarts.length ? 0 : lineStarts[position.line() - 1];
        int end = text.indexOf('\n', start);
        return new int[] {start, end < 0 ? text.length() : end};
    }

    /** Where the value of an {@code [env]} variable starts in the file (inside its quotes), or -1. */
    public int environmentValueStart(String name) {
        return valueStart(toml.inputPositionOf(List.of("env", name)));
    }

    private Command command(List<String> key) {
        Object value = toml.get(key);
        if (!(value instanceof String string)) {
            return null;
        }
        int at = valueStart(toml.inputPositionOf(key));
        return new Command(key.get(key.size() - 1), ShellScript.parse(string, at < 0 ? 0 : at));
    }

    /** The char offset where a string value's content starts, from the position of its key; -1 if not found. */
    private int valueStart(TomlPosition position) {
        if (position == null || position.line() - 1 >= lineStarts.length) {
            return -1;
        }
        String text = file.text().text();
        int offset = lineStarts[position.line() - 1] + position.column() - 1;
        int equals = text.indexOf('=', offset);
        int newline = text.indexOf('\n', offset);
        if (equals < 0 || newline >= 0 && equals > newline) {
            equals = offset - 1;
        }
        int quote = equals + 1;
        while (quote < text.length() && (text.charAt(quote) == ' ' || text.charAt(quote) == '\t')) {
            quote++;
        }
        int width = text.startsWith("\"\"\"", quote) || text.startsWith("'''", quote) ? 3 : 1;
        return quote + width;
    }
}
