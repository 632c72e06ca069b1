package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every {@code config} call of a project in the order Elixir evaluates them for one environment: config.exs with
 * each {@code import_config} expanded where it stands (so a call after the import overrides the imported file),
 * then the runtime config a release reads ({@link RuntimeConfig}). Calls whose condition rules the environment out
 * are left out; calls under a condition the linter cannot decide are kept with {@link Truth#UNKNOWN}. The
 * environment-variable reads met on the way are kept too ({@link #envReads()}), and so is the config the model cannot
 * read ({@link #unseenConfig()}: the imports of files the project does not hold, calls it cannot follow): what the
 * environment ends with for a key set before it is not known.
 */
public final class ConfigTimeline {
    private final String env;
    private final List<ConfigCall> calls;
    private final Map<ConfigCall, Alternative> alternatives;
    private final List<EnvRead> envReads;
    private final Map<Path, DocumentSnapshot> files;
    private final List<UnseenConfig> unseenConfig;
    /** The runtime config and the files config providers evaluate: what the release evaluates at boot. */
    private final Set<Path> bootFiles;
    /** {@link #variablesRequiredAt}, worked out once per phase: GT005 asks it for every fallback it weighs. */
    private final Map<ConfigPhase, Set<String>> requiredAt = new ConcurrentHashMap<>();

    /**
     * A branch of a statement of which one branch or another runs: an {@code if} with its {@code else}, a {@code case}
     * or {@code cond} whose last clause catches everything. A key set in every branch is set, where the statement
     * itself runs ({@code applies}), though no single call surely runs.
     *
     * @param statement the branching statement
     * @param index     which branch
     * @param count     how many branches it has
     * @param applies   whether the statement itself runs in the environment
     */
    record Alternative(Node statement, int index, int count, Truth applies) {
    }

    private ConfigTimeline(String env, List<ConfigCall> calls, Map<ConfigCall, Alternative> alternatives,
                           List<EnvRead> envReads, Map<Path, DocumentSnapshot> files,
                           List<UnseenConfig> unseenConfig, Set<Path> bootFiles) {
        this.env = env;
        this.calls = List.copyOf(calls);
        this.alternatives = alternatives;
        this.envReads = List.copyOf(envReads);
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        this.unseenConfig = List.copyOf(unseenConfig);
        this.bootFiles = Set.copyOf(bootFiles);
    }

    /**
     * The production timeline: the runtime config is the one the release reads with the Elixir it is built with
     * ({@link RuntimeConfig#release}); none when that Elixir has none. Built once per analysis, shared by the rules.
     */
    public static ConfigTimeline prod(ProjectContext project) {
        return forEnv(project, "prod");
    }

    /**
     * The config an environment compiles with: config.exs and its imports, without the runtime config. What
     * {@code Application.compile_env} reads (Phoenix's endpoint {@code force_ssl}, for one) ends here; built once
     * per analysis.
     */
    public static ConfigTimeline buildTime(ProjectContext project, String env) {
        return project.model(ConfigTimeline.class, env + " at build time", context -> of(context, env, null));
    }

    /**
     * Whether a production image's build puts another file onto a config file before the release
     * ({@code RUN mv config/prod-docker.exs config/prod.exs}): prod's timeline is then the image's, not the config
     * a checkout of the repository holds.
     */
    public static boolean imagesRewriteConfig(ProjectContext project) {
        return ReleaseCopies.of(project).rewritesConfig();
    }

    /** The timeline of an environment (see {@link #of(ProjectContext, String)}), built once per analysis. */
    public static ConfigTimeline forEnv(ProjectContext project, String env) {
        return project.model(ConfigTimeline.class, env, context -> of(context, env));
    }

    /**
     * The timeline of an environment: prod ends with the runtime config the release reads
     * ({@link RuntimeConfig#release}); any other environment runs under Mix, which reads {@code runtime.exs} and
     * never {@code releases.exs} ({@link RuntimeConfig#mix}).
     */
    public static ConfigTimeline of(ProjectContext project, String env) {
        RuntimeConfig runtime = env.equals("prod") ? RuntimeConfig.release(project) : RuntimeConfig.mix(project);
        ProviderConfigFiles.Provided providers = env.equals("prod") ? ProviderConfigFiles.of(project)
                : ProviderConfigFiles.Provided.NONE;
        return of(project, env, runtime == null ? null : runtime.file(), providers);
    }

    /**
     * The repository's config files a Distillery release evaluates at boot through its config providers
     * ({@link ProviderConfigFiles}), in the order rel/config.exs names them; empty without them.
     */
    public static List<DocumentSnapshot> providedFiles(ProjectContext project) {
        return ProviderConfigFiles.of(project).files();
    }

    /** The timeline of an environment ending with {@code runtimeFile} (null: a release that reads none). */
    public static ConfigTimeline of(ProjectContext project, String env, DocumentSnapshot runtimeFile) {
        return of(project, env, runtimeFile, ProviderConfigFiles.Provided.NONE);
    }

    /**
     * The timeline of an environment ending with {@code runtimeFile}, then the files a release's config providers
     * evaluate at boot ({@link ProviderConfigFiles}).
     */
    private static ConfigTimeline of(ProjectContext project, String env, DocumentSnapshot runtimeFile,
                                     ProviderConfigFiles.Provided providers) {
        ConfigWalker walker = new ConfigWalker(project, env);
        DocumentSnapshot config = project.configFile("config.exs");
        if (config != null) {
            walker.walkFile(config, ConfigPhase.BUILD, Truth.TRUE, false, 0);
        }
        if (runtimeFile != null) {
            walker.walkFile(runtimeFile, ConfigPhase.RUNTIME, Truth.TRUE, false, 0);
        }
        for (DocumentSnapshot provided : providers.files()) {
            walker.walkFile(provided, ConfigPhase.RUNTIME, Truth.TRUE, false, 0);
        }
        List<UnseenConfig> unseenConfig = new ArrayList<>(walker.unseenConfig);
        for (Path missing : providers.missing()) {
            unseenConfig.add(UnseenConfig.missingFile(providers.relConfig(), null, missing, Truth.TRUE,
                    ConfigPhase.RUNTIME, walker.calls.size()));
        }
        Set<Path> bootFiles = new HashSet<>();
        if (runtimeFile != null) {
            bootFiles.add(runtimeFile.path());
        }
        providers.files().forEach(provided -> bootFiles.add(provided.path()));
        return new ConfigTimeline(env, walker.calls, walker.alternatives, walker.reads, walker.files, unseenConfig,
                bootFiles);
    }

    public String env() {
        return env;
    }

    public List<ConfigCall> calls() {
        return calls;
    }

    /** The environment-variable reads that may run in this environment, in evaluation order. */
    public List<EnvRead> envReads() {
        return envReads;
    }

    /**
     * Config this environment evaluates that the model cannot read, so what it sets is not known:
     * <ul>
     * <li>an {@code import_config} whose file is not there to read: the project does not hold it and, for prod, no
     * production image copies one onto it (a gitignored {@code prod.secret.exs}). Loading config fails without it,
     * so wherever this environment's config is loaded someone supplies it, and it may set any key;</li>
     * <li>{@code config} calls written where the walk does not follow them, or with an app it cannot name: inside a
     * comprehension or an anonymous function ({@code for {app, opts} <- entries, do: config(app, opts)}), which may
     * set any key of the apps they may name.</li>
     * </ul>
     *
     * @param file        the importing file, or the file of the calls
     * @param statement   the {@code import_config} call, or the statement holding the calls; null for a file a
     *                    Distillery config provider evaluates at boot (in {@code file}, rel/config.exs)
     * @param missing     the path of the file not there; null for calls
     * @param apps        the apps the calls may configure; null for any app (always null for a file)
     * @param subjects    the subjects of those apps the calls may configure (their modules or atoms, {@code
     *                    config :shop, repo, …} for each repo of a list); null for any key of the apps
     * @param applies     whether it runs in this environment
     * @param phase       when it is evaluated: while the release is built, or at boot
     * @param callsBefore how many of this timeline's calls are evaluated before it
     */
    public record UnseenConfig(DocumentSnapshot file, Node statement, Path missing, Set<String> apps,
                               Set<String> subjects, Truth applies, ConfigPhase phase, int callsBefore) {
        static UnseenConfig missingFile(DocumentSnapshot file, Node statement, Path missing, Truth applies,
                                        ConfigPhase phase, int callsBefore) {
            return new UnseenConfig(file, statement, missing, null, null, applies, phase, callsBefore);
        }

        /** Whether it may set any key of {@code app}. */
        public boolean mayConfigure(String app) {
            return applies != Truth.FALSE && (apps == null || apps.contains(app));
        }

        /**
         * Whether it may set keys of {@code app} below {@code subject} ({@code null}: keys right below the app, which a
         * call limited to some subjects does not set).
         */
        public boolean mayConfigure(String app, String subject) {
            return mayConfigure(app) && (subjects == null || subject != null && subjects.contains(subject));
        }
    }

    /** The config that the model cannot read, in evaluation order. */
    public List<UnseenConfig> unseenConfig() {
        return unseenConfig;
    }

    /** The imports of files that are not there, in evaluation order. */
    public List<UnseenConfig> missingImports() {
        return unseenConfig.stream().filter(unseen -> unseen.missing() != null).toList();
    }

    /**
     * The first config the model cannot read that is evaluated after {@code call} and may set keys of its app, or
     * null: when there is one, the value this environment ends with for whatever {@code call} sets is not known.
     */
    public UnseenConfig unseenConfigAfter(ConfigCall call) {
        return unseenAfter(call).filter(unseen -> unseen.mayConfigure(call.app(), call.subject())).findFirst()
                .orElse(null);
    }

    /**
     * Whether config the model cannot read, evaluated after {@code call}, may set again whatever {@code call} sets,
     * leaving aside a file the repository does not hold loaded at boot ({@link OperatorConfig} reads its template): a
     * file not there imported while the release is built (a gitignored {@code prod.secret.exs} on the build
     * machine), or {@code config} calls the walk does not follow in either phase.
     */
    public boolean maySetUnseenAfter(ConfigCall call) {
        return unseenAfter(call).anyMatch(unseen -> unseen.mayConfigure(call.app(), call.subject())
                && (unseen.phase() == ConfigPhase.BUILD || unseen.missing() == null));
    }

    /** The config the model cannot read evaluated after {@code call}, in evaluation order. */
    private Stream<UnseenConfig> unseenAfter(ConfigCall call) {
        int index = indexOf(call);
        return index < 0 ? Stream.empty() : unseenConfig.stream().filter(unseen -> unseen.callsBefore() > index);
    }

    /** The variables this environment's config reads in a phase: at boot, those an operator is meant to set. */
    public Set<String> variablesReadAt(ConfigPhase phase) {
        Set<String> variables = new HashSet<>();
        for (EnvRead read : envReads) {
            if (read.phase() == phase && read.variable() != null) {
                variables.add(read.variable());
            }
        }
        return variables;
    }

    /**
     * The variables without which the config evaluated in {@code phase} stops: read with {@code fetch_env!/1} or
     * {@code || raise} where the environment always runs the read. A value that only their absence would give is
     * never what this environment ends with.
     */
    public Set<String> variablesRequiredAt(ConfigPhase phase) {
        return requiredAt.computeIfAbsent(phase, wanted -> {
            Set<String> variables = new HashSet<>();
            for (EnvRead read : envReads) {
                if (read.phase() == wanted && read.applies() == Truth.TRUE && read.failsWhenUnset()) {
                    variables.add(read.variable());
                }
            }
            return Set.copyOf(variables);
        });
    }

    /**
     * The variables the config names as {@code {:system, "AWS_SECRET_ACCESS_KEY"}}: a convention of libraries (ExAws,
     * and Ecto and Phoenix before runtime config) that read the variable themselves when the app runs.
     */
    public Set<String> variablesNamedForLibraries() {
        Set<String> variables = new HashSet<>();
        for (ConfigCall call : calls) {
            SyntaxTree tree = call.tree();
            call.call().forEachDescendant(node -> {
                List<Node> parts = node.is("tuple") ? node.namedChildren() : List.of();
                if (parts.size() == 2 && "system".equals(ElixirSyntax.atomName(tree, parts.get(0)))) {
                    String variable = ElixirSyntax.stringLiteral(tree, parts.get(1));
                    if (variable != null) {
                        variables.add(variable);
                    }
                }
            });
        }
        return variables;
    }

    /** Whether the file is evaluated in this environment (config.exs imports it, or it is the runtime config). */
    public boolean evaluates(Path file) {
        return files.containsKey(file);
    }

    /**
     * Whether the release evaluates the file when it boots: it is the runtime config, or a config provider evaluates
     * it. Build-time config may import it as well ({@code import_config "releases.exs"} in prod.exs); what it reads
     * and sets is then evaluated again at boot, where it is judged.
     */
    public boolean evaluatedAtBoot(Path file) {
        return bootFiles.contains(file);
    }

    /**
     * A file this environment evaluates that does not parse ({@code config :logger} right after a trailing comma),
     * or null: what it sets is unknown, and so is what the environment ends with. An Elixir build stops there.
     */
    public DocumentSnapshot unparsable() {
        return files.values().stream().filter(file -> file.tree().hasErrors()).findFirst().orElse(null);
    }

    /** The file as this environment evaluates it, or null when it does not (not imported, or not there). */
    public DocumentSnapshot evaluated(Path file) {
        return files.get(file);
    }

    /** Whether this environment evaluates the call (the same call node of the same file). */
    public boolean includes(ConfigCall call) {
        return indexOf(call) >= 0;
    }

    /** A value given to a key, where and how surely. */
    public record Setting(ConfigCall call, Node value) {
    }

    /** Every setting of {@code app}/{@code subject}/{@code key} in evaluation order ({@code subject} may be null). */
    public List<Setting> settings(String app, String subject, String key) {
        List<Setting> settings = new ArrayList<>();
        for (ConfigCall call : calls) {
            if (call.app().equals(app) && Objects.equals(call.subject(), subject)) {
                Node value = call.value(key);
                if (value != null) {
                    settings.add(new Setting(call, value));
                }
            }
        }
        return settings;
    }

    /**
     * The value this environment ends with for {@code app}, {@code subject} (null for none) and the key path
     * below it ({@code "url", "host"}), with keyword lists deep-merged as {@code Config} merges them.
     */
    public ConfigValue effective(String app, String subject, String... keys) {
        List<String> path = Arrays.asList(keys);
        ConfigValue value = ConfigValue.UNSET;
        for (ConfigCall call : calls) {
            ConfigValue given = KeyPath.lookup(call, app, subject, path);
            if (given == null) {
                continue;
            }
            // A call that may or may not run leaves the value unknown, whatever came before.
            value = call.applies() == Truth.TRUE ? given : ConfigValue.unknown(call);
        }
        return value;
    }

    /** Whether a call after {@code call} surely sets (or clears) the key path it sets. */
    public boolean setLater(ConfigCall call, String subject, List<String> keys) {
        return setLater(call, subject, keys, null);
    }

    /** {@link #setLater(ConfigCall, String, List)} by a call of {@code phase} (null: any). */
    private boolean setLater(ConfigCall call, String subject, List<String> keys, ConfigPhase phase) {
        Map<Node, Set<Integer>> branchesSetting = new IdentityHashMap<>();
        Alternative own = alternatives.get(call);
        for (int i = indexOf(call) + 1; i > 0 && i < calls.size(); i++) {
            ConfigCall later = calls.get(i);
            if ((phase == null || later.phase() == phase) && later.applies() != Truth.FALSE
                    && KeyPath.lookup(later, call.app(), subject, keys) != null) {
                if (later.applies() == Truth.TRUE) {
                    return true;
                }
                Alternative branch = alternatives.get(later);
                if (branch != null && branch.applies() == Truth.TRUE && own != null && branch.index() == own.index()
                        && sameDecision(call.tree(), own, later.tree(), branch)) {
                    return true; // the same test, taken again later, sets it in the same branch
                }
                if (branch != null && branch.applies() == Truth.TRUE) {
                    Set<Integer> setting = branchesSetting.computeIfAbsent(branch.statement(), s -> new HashSet<>());
                    setting.add(branch.index());
                    if (setting.size() == branch.count()) {
                        return true; // every branch sets it: `if ssl do config … else config … end`
                    }
                }
            }
        }
        return false;
    }

    /**
     * A config key an environment read gives its value to.
     *
     * @param call the call that sets the key
     * @param keys the key path below the call's app and subject ({@code url, host}); empty when the call gives its
     *             subject one whole value ({@code config :shop, :region, System.get_env("REGION")})
     */
    public record FedKey(ConfigCall call, List<String> keys) {
        public FedKey {
            keys = List.copyOf(keys);
        }

        /** The key right below the app, as {@code Application.get_env(app, key)} names it. */
        public String topKey() {
            return call.subject() != null ? call.subject() : keys.isEmpty() ? null : keys.get(0);
        }
    }

    /**
     * The config keys {@code read} gives its value to in this environment: the key of its own {@code config} call,
     * or those of the later calls that use the variable it is bound to. Null when its value also goes somewhere the
     * model cannot follow (a condition, another binding), so it may matter whatever the keys end with.
     */
    public List<FedKey> keysFedBy(EnvRead read) {
        return FedKeys.of(this, read);
    }

    /**
     * Whether a call after the key's own surely sets it again (with keyword lists deep-merged), so the value it
     * is given never reaches the end of this environment's config.
     */
    public boolean replacedLater(FedKey key) {
        return replacedLater(key, null);
    }

    /**
     * Whether build-time config surely sets the key again after it: what the code reads when it compiles (a module
     * attribute), which the runtime config comes too late to change.
     */
    public boolean replacedLaterAtBuild(FedKey key) {
        return replacedLater(key, ConfigPhase.BUILD);
    }

    private boolean replacedLater(FedKey key, ConfigPhase phase) {
        return setLater(key.call(), key.call().subject(), key.keys(), phase);
    }

    /**
     * Whether two branching statements make the same decision: the same construct testing the same expression as
     * written ({@code if System.get_env("SSL") == "true"} in config.exs and again in runtime.exs), with as many
     * branches.
     */
    private static boolean sameDecision(SyntaxTree tree, Alternative one, SyntaxTree otherTree, Alternative other) {
        String construct = ElixirSyntax.localCallName(tree, one.statement());
        List<Node> tested = ElixirSyntax.arguments(one.statement());
        List<Node> otherTested = ElixirSyntax.arguments(other.statement());
        return one.count() == other.count() && construct != null
                && construct.equals(ElixirSyntax.localCallName(otherTree, other.statement()))
                && tested.size() == 1 && otherTested.size() == 1
                && tree.text(tested.get(0)).equals(otherTree.text(otherTested.get(0)));
    }

    /** Whether a call after {@code call}, under any condition, may set one of the keys {@code call} sets. */
    public boolean touchedLater(ConfigCall call) {
        List<List<String>> keys = keysSetBy(call);
        for (int i = indexOf(call) + 1; i > 0 && i < calls.size(); i++) {
            ConfigCall later = calls.get(i);
            if (keys.stream().anyMatch(path -> KeyPath.lookup(later, call.app(), call.subject(), path) != null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether later calls that surely apply set again every key {@code call} sets, so nothing it gives reaches the end
     * of this environment's config.
     */
    public boolean everyKeyReplacedLater(ConfigCall call) {
        return keysSetBy(call).stream().allMatch(path -> setLater(call, call.subject(), path, null));
    }

    /** The keys a call sets right below its subject (or app): one per keyword, or the whole subject's value. */
    private static List<List<String>> keysSetBy(ConfigCall call) {
        List<List<String>> keys = new ArrayList<>();
        call.pairs().forEach(pair -> keys.add(List.of(Objects.toString(ElixirSyntax.keywordName(call.tree(), pair)))));
        if (keys.isEmpty()) {
            keys.add(List.of());
        }
        return keys;
    }

    /** The call of this timeline written at {@code node} of {@code file}, or null. */
    public ConfigCall callAt(Path file, Node node) {
        for (ConfigCall call : calls) {
            if (call.file().path().equals(file) && call.call().startByte() == node.startByte()) {
                return call;
            }
        }
        return null;
    }

    private int indexOf(ConfigCall call) {
        // The call itself: a file evaluated twice (the runtime config that prod.exs imports too) has a call per phase.
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i) == call) {
                return i;
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            ConfigCall candidate = calls.get(i);
            if (candidate.file().path().equals(call.file().path())
                    && candidate.call().startByte() == call.call().startByte()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The file an {@code import_config} call loads for {@code env}: {@code import_config "prod.exs"} or
     * {@code import_config "#{config_env()}.exs"}, relative to the importing file. Null when it cannot be told.
     */
    public static DocumentSnapshot resolveImport(ProjectContext project, DocumentSnapshot file, Node call, String env) {
        return ConfigImports.single(project, file, call, env);
    }
}
