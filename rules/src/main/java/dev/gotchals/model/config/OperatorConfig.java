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
 * ships, a gitignored file the runtime config imports, what a release's {@code config_providers} bring, or the
 * sys.config kept on each host that edeliver links into the release ({@code LINK_SYS_CONFIG}). Such a
 * file may set any key, unless the repository ships the template it is written from ({@code config/app.exs.example},
 * an overlay's {@code etc/runtime_config.exs.sample}): an operator fills in the template, so what production
 * replaces at boot is what the template sets.
 */
public final class OperatorConfig {
    /** Folders where a template of a config file is kept, under the project's root. */
    private static final List<String> TEMPLATE_FOLDERS = List.of("", "config", "rel", "rel/config", "rel/etc",
            "rel/overlays", "rel/overlays/etc");

    /**
     * A mapping of a Conform schema ({@code config/shop.schema.exs}): {@code "guardian.Elixir.Guardian.secret_key": [}
     * (app, module, key), {@code "logger.console.format": [} (app, atom subject, key) or {@code "shop.port": [}.
     */
    private static final Pattern CONFORM_MAPPING =
            Pattern.compile("\"([a-z_][a-z0-9_]*)\\.(?:(Elixir\\.[A-Z][A-Za-z0-9_.]*|[a-z_][a-z0-9_]*)\\.)?([a-z_][a-z0-9_]*)\":\\s*\\[");

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
     * may be set then.
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
            Matcher mapping = CONFORM_MAPPING.matcher(file.text().text());
            while (mapping.find()) {
                String subject = mapping.group(2) == null ? null
                        : mapping.group(2).startsWith("Elixir.") ? mapping.group(2).substring("Elixir.".length())
                        : mapping.group(2);
                mapped.add(new MappedKey(mapping.group(1), subject, mapping.group(3)));
            }
        }
        return mapped;
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
        if (runtime != null) {
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
