package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.Truth;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.deploy.Edeliver;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.TemplateFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config a release loads at boot from a file the repository does not hold: an operator's file that the runtime
 * config evaluates ({@code Code.eval_file("/etc/app.exs")}), one a Distillery config provider evaluates but no overlay
 * ships, a gitignored file the runtime config imports, the runtime config itself where the build writes it from a
 * secret, what a release's {@code config_providers} bring, or the sys.config kept on each host that edeliver links
 * into the release ({@code LINK_SYS_CONFIG}). Such a
 * file may set any key, unless the repository ships the template it is written from ({@code config/app.exs.example},
 * an overlay's {@code etc/runtime_config.exs.sample}): an operator fills in the template, so what production
 * replaces at boot is what the template sets.
 */
public final class OperatorConfig {
    /** Folders where a template of a config file is kept, under the project's root. */
    private static final List<String> TEMPLATE_FOLDERS = List.of("", "config", "rel", "rel/config", "rel/etc",
            "rel/overlays", "rel/overlays/etc");

    /**
     * A mapping of a Conform schema ({@code config/shop.schema.exs}), by its name: {@code
     * "guardian.Elixir.Guardian.secret_key": [} (app, module, key), {@code "logger.console.format": [} (app, atom
     * subject, key) or {@code "shop.port": [}.
     */
    private static final Pattern CONFORM_MAPPING =
            Pattern.compile("\"([a-z_][a-z0-9_]*\\.(?:Elixir\\.[A-Z][A-Za-z0-9_.]*\\.|[a-z_][a-z0-9_]*\\.)?[a-z_][a-z0-9_]*)\":\\s*\\[");
    /** Where a mapping puts its value, when not at its name: {@code to: "shop.Elixir.Shop.Endpoint.url.host"}. */
    private static final Pattern CONFORM_TARGET = Pattern.compile("\\bto:\\s*\"([A-Za-z0-9_.]+)\"");

    private static final OperatorConfig NONE = new OperatorConfig(false, false, List.of(), List.of());

    private final boolean loads;
    private final boolean anyKey;
    private final List<ConfigCall> templateCalls;
    /** The keys a Conform schema maps, which the release's .conf file sets at boot. */
    private final List<MappedKey> mappedKeys;

    /** A key a Conform schema maps: {@code subject} null for a key right below the app. */
    private record MappedKey(String app, String subject, String key) {
    }

    private OperatorConfig(boolean loads, boolean anyKey, List<ConfigCall> templateCalls, List<MappedKey> mappedKeys) {
        this.loads = loads;
        this.anyKey = anyKey;
        this.templateCalls = templateCalls;
        this.mappedKeys = mappedKeys;
    }

    /** Worked out once per analysis: rules ask it of every config call and env read they look at. */
    public static OperatorConfig of(ProjectContext project) {
        return project.model(OperatorConfig.class, OperatorConfig::read);
    }

    /** Whether the release loads config the repository does not hold at boot. */
    public boolean loads() {
        return loads;
    }

    /**
     * Whether what is loaded at boot may set {@code key} of {@code app}/{@code subject} ({@code subject} null for a
     * key right below the app; {@code key} null for any key of the subject): always when the file has no template in
     * the repository, else when a template sets it.
     */
    public boolean maySet(String app, String subject, String key) {
        if (anyKey) {
            return true;
        }
        for (ConfigCall call : templateCalls) {
            if (call.applies() != Truth.FALSE && call.app().equals(app) && Objects.equals(call.subject(), subject)
                    && (key == null || call.pairs().isEmpty() || call.value(key) != null)) {
                return true;
            }
        }
        for (MappedKey mapped : mappedKeys) {
            if (mapped.app().equals(app) && Objects.equals(mapped.subject(), subject)
                    && (key == null || mapped.key().equals(key))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The keys Conform's schemas map ({@code config/*.schema.exs} of a project that depends on conform): its release
     * plugin translates the operator's {@code .conf} file into config when the release boots, so each mapped key
     * may be set then. A mapping sets the key its {@code to:} names ({@code "shop.secret_key_base": [to:
     * "shop.Elixir.Shop.Endpoint.secret_key_base"]}), else the one its own name does.
     */
    private static List<MappedKey> conformMappings(ProjectContext project) {
        if (!MixFiles.of(project).dependsOn("conform")) {
            return List.of();
        }
        List<MappedKey> mapped = new ArrayList<>();
        for (DocumentSnapshot file : project.files(FileRole.CONFIG)) {
            if (!file.path().getFileName().toString().endsWith(".schema.exs")) {
                continue;
            }
            String text = file.text().text();
            Matcher mapping = CONFORM_MAPPING.matcher(text);
            List<Integer> starts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            while (mapping.find()) {
                starts.add(mapping.end());
                names.add(mapping.group(1));
            }
            for (int i = 0; i < names.size(); i++) {
                String body = text.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : text.length());
                Matcher target = CONFORM_TARGET.matcher(body);
                MappedKey key = mappedKey(target.find() ? target.group(1) : names.get(i));
                if (key != null) {
                    mapped.add(key);
                }
            }
        }
        return mapped;
    }

    /**
     * The key a Conform path names: {@code app.Elixir.Module.key…} (a module's key), {@code app.subject.key}
     * ({@code logger.console.format}) or {@code app.key}; null for anything shorter.
     */
    private static MappedKey mappedKey(String path) {
        String[] parts = path.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        if (parts[1].equals("Elixir")) {
            int next = 2;
            while (next < parts.length && !parts[next].isEmpty() && Character.isUpperCase(parts[next].charAt(0))) {
                next++;
            }
            return next == 2 || next == parts.length ? null
                    : new MappedKey(parts[0], String.join(".", List.of(parts).subList(2, next)), parts[next]);
        }
        return parts.length >= 3 ? new MappedKey(parts[0], parts[1], parts[2]) : new MappedKey(parts[0], null, parts[1]);
    }

    private static OperatorConfig read(ProjectContext project) {
        if (MixFiles.of(project).all().stream().flatMap(mix -> mix.releases().stream())
                .anyMatch(release -> release.has("config_providers"))) {
            return new OperatorConfig(true, true, List.of(), List.of()); // a provider of any kind: a secrets store, a JSON file
        }
        Edeliver edeliver = Edeliver.of(project);
        if (edeliver != null && edeliver.linksSysConfig()) {
            // the host's own sys.config replaces the one the build wrote
            return new OperatorConfig(true, true, List.of(), List.of());
        }
        List<Path> loaded = new ArrayList<>();
        boolean unknownPath = false;
        RuntimeConfig runtime = RuntimeConfig.release(project);
        if (runtime != null && runtime.file() == null
                && RuntimeConfig.suppliedByBuild(project, runtime.path().getFileName().toString())) {
            loaded.add(runtime.path()); // the build writes it from a secret: its template, if any, says what it sets
        } else if (runtime != null) {
            List<String> outside = runtime.configLoadedFromOutside();
            if (outside != null) {
                outside.forEach(path -> loaded.add(Path.of(path)));
            } else {
                unknownPath = true;
            }
        }
        ConfigTimeline prod = ConfigTimeline.prod(project);
        for (ConfigTimeline.UnseenConfig missing : prod.missingImports()) {
            if (missing.phase() == ConfigPhase.RUNTIME && missing.applies() != Truth.FALSE) {
                loaded.add(missing.missing());
            }
        }
        List<MappedKey> mapped = conformMappings(project);
        if (loaded.isEmpty() && !unknownPath) {
            return mapped.isEmpty() ? NONE : new OperatorConfig(true, false, List.of(), mapped);
        }
        List<ConfigCall> calls = new ArrayList<>();
        boolean anyKey = unknownPath;
        for (Path path : loaded) {
            DocumentSnapshot template = template(project, path);
            if (template == null) {
                anyKey = true;
                break;
            }
            ConfigWalker walker = new ConfigWalker(project, prod.env());
            walker.walkFile(template, ConfigPhase.RUNTIME, Truth.TRUE, true, 0);
            // A template that sets nothing the model can read (it builds its config some other way) says nothing.
            anyKey |= walker.calls.isEmpty() || !walker.unseenConfig.isEmpty();
            calls.addAll(walker.calls);
        }
        return new OperatorConfig(true, anyKey, anyKey ? List.of() : List.copyOf(calls), mapped);
    }

    /**
     * The template the repository keeps for the file at {@code path}: one an overlay ships beside a provider's file,
     * or a file of the same name with a template's ending ({@code cadet.exs.example}, {@code cadet.example.exs}) in
     * the config, rel or root folder, or beside where the file would be. Null when there is none.
     */
    private static DocumentSnapshot template(ProjectContext project, Path path) {
        DocumentSnapshot shipped = ProviderConfigFiles.of(project).templates().get(path);
        if (shipped != null) {
            return shipped;
        }
        Path root = project.project().root();
        String name = path.getFileName().toString();
        String stem = name.endsWith(".exs") ? name.substring(0, name.length() - ".exs".length()) : null;
        List<Path> folders = new ArrayList<>();
        TEMPLATE_FOLDERS.forEach(folder -> folders.add(folder.isEmpty() ? root : root.resolve(folder)));
        Path parent = root.resolve(path).normalize().getParent();
        if (parent != null && parent.startsWith(root) && !folders.contains(parent)) {
            folders.add(parent);
        }
        for (Path folder : folders) {
            for (String suffix : TemplateFiles.SUFFIXES) {
                DocumentSnapshot found = project.file(folder.resolve(name + suffix));
                if (found == null && stem != null) {
                    found = project.file(folder.resolve(stem + suffix + ".exs"));
                }
                if (found != null) {
                    return asElixir(found);
                }
            }
        }
        return null;
    }

    /** The file with an Elixir tree: a template's ending gives it no role, and it is read as plain text. */
    static DocumentSnapshot asElixir(DocumentSnapshot file) {
        if (file == null || file.tree() != null) {
            return file;
        }
        return new DocumentSnapshot(file.path(), file.version(), file.text(),
                SyntaxTree.parse(SourceLanguage.ELIXIR, file.text()));
    }
}
