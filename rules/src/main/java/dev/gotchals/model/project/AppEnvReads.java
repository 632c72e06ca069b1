package dev.gotchals.model.project;

import dev.gotchals.model.MixLock;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.config.EndpointKeys;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextSearch;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How the project's code ({@code lib/}) reads application config: when it runs ({@code Application.get_env},
 * {@code fetch_env}, {@code fetch_env!}) or when it compiles ({@code Application.compile_env},
 * {@code compile_env!}), a value a release checks again at boot and refuses to start when it changed. Reads in
 * Mix tasks ({@code Mix.Tasks.*} modules) and in mix.exs are told apart: they run on the build machine, never in
 * the release. A key of the project's own app that no code reads, names or could read is read by nothing.
 */
public final class AppEnvReads {
    /** A route up to its action's colon: {@code post "/webhooks/hubspot", WebhookController, :}. */
    private static final Pattern ROUTE_ACTION = Pattern.compile(
            "\\s*(?:get|post|put|patch|delete|options|head|match|live)\\s*\\(?\\s*\"[^\"]*\"\\s*,\\s*[A-Z][\\w.]*\\s*,\\s*:");
    /** When a read happens. */
    public enum Kind { RUNTIME, COMPILE_TIME }

    private static final List<String> SYSTEM_READS = List.of("get_env", "fetch_env", "fetch_env!");
    /** Calls whose body runs after the module compiles, or is code for another place. */
    private static final Set<String> RUNS_LATER = Set.of("def", "defp", "defmacro", "defmacrop", "quote", "defn",
            "defnp", "defdelegate", "defguard", "defguardp", "defimpl", "defprotocol");
    private static final Map<String, Kind> FUNCTIONS = Map.of("get_env", Kind.RUNTIME, "fetch_env", Kind.RUNTIME,
            "fetch_env!", Kind.RUNTIME, "compile_env", Kind.COMPILE_TIME, "compile_env!", Kind.COMPILE_TIME);

    /**
     * One read of an app's config.
     *
     * @param app  the app ({@code :shop} → "shop"), or null when it is not a literal atom
     * @param key  the key read ({@code :feature}, {@code ShopWeb.Endpoint}; the first of a compile_env path), or
     *             null when not written literally
     * @param kind when it is read
     * @param call the call as written
     */
    public record Read(String app, String key, Kind kind, RemoteCalls.Call call) {
    }

    private final List<Read> reads;
    /** The reads of {@link #reads} in Mix tasks, and those of mix.exs. */
    private final List<Read> buildToolReads;
    /** The apps the project's mix.exs files define. */
    private final Set<String> ownApps;
    /** The reads of app config in the config files themselves. */
    private final List<Read> configReads;
    /** The apps whose whole config the code reads ({@code Application.get_all_env}); null for an app not written. */
    private final Set<String> wholeConfigReads;
    private final ProjectModel model;
    /** The app and key of each {@code Application.put_env} in the code that names both literally. */
    private final Set<List<String>> puts;
    /** Keys found named in the code, or not, asked so far. */
    private final Map<String, Boolean> named = new HashMap<>();
    private final Map<String, Boolean> dependencyNamed = new HashMap<>();
    /** Whether the code makes atoms of text; worked out on first use. */
    private Boolean buildsAtoms;
    /** The packages of the project's mix.lock, direct or not; null without one. */
    private final Set<String> locked;
    /** Erlang's and Elixir's own applications, which no mix.lock lists. */
    private static final Set<String> RUNTIME_APPS = Set.of("kernel", "stdlib", "elixir", "logger", "sasl", "crypto",
            "ssl", "public_key", "inets", "mnesia", "os_mon", "runtime_tools", "eex", "ex_unit", "iex", "mix", "ssh",
            "observer", "tools", "xmerl", "compiler", "syntax_tools", "asn1", "debugger", "parsetools", "erts", "eldap",
            "snmp", "odbc", "common_test", "eunit", "reltool", "ftp", "tftp", "wx", "et");

    private AppEnvReads(List<Read> reads, List<Read> buildToolReads, List<Read> configReads, Set<String> ownApps,
                        Set<String> wholeConfigReads, Set<List<String>> puts, ProjectModel model, Set<String> locked) {
        this.locked = locked;
        this.reads = List.copyOf(reads);
        this.buildToolReads = List.copyOf(buildToolReads);
        this.configReads = List.copyOf(configReads);
        this.ownApps = Set.copyOf(ownApps);
        this.wholeConfigReads = wholeConfigReads;
        this.puts = puts;
        this.model = model;
    }

    public static AppEnvReads of(ProjectContext project) {
        return project.model(AppEnvReads.class, AppEnvReads::read);
    }

    private static AppEnvReads read(ProjectContext project) {
        ProjectModel model = ProjectModel.of(project);
        // Every segment of a module's name is written in its file.
        List<Module> mixTasks = model.modules().inFilesMentioning("Tasks").stream()
                .filter(module -> module.name().startsWith("Mix.Tasks.")).toList();
        List<Read> reads = withModuleKeys(reads(project, FileRole.ELIXIR_SOURCE), model.modules());
        List<Read> buildToolReads = new ArrayList<>(reads(project, FileRole.MIX_PROJECT));
        reads.stream().filter(read -> inAny(mixTasks, read.call())).forEach(buildToolReads::add);
        Set<String> ownApps = new HashSet<>();
        model.mixfiles().stream().map(MixExs::appName).filter(Objects::nonNull).forEach(ownApps::add);
        Set<String> wholeConfigReads = new HashSet<>();
        for (RemoteCalls.Call call : RemoteCalls.of(project).find(FileRole.ELIXIR_SOURCE, "Application", "get_all_env")) {
            Node piped = pipedInto(call);
            Node app = piped != null ? piped : call.arguments().isEmpty() ? null : call.arguments().get(0);
            wholeConfigReads.add(app == null ? null : ElixirSyntax.atomName(call.tree(), app));
        }
        Set<List<String>> puts = new HashSet<>();
        for (RemoteCalls.Call call : RemoteCalls.of(project).find(FileRole.ELIXIR_SOURCE, "Application", "put_env")) {
            List<Node> arguments = call.arguments();
            String app = arguments.size() >= 2 ? ElixirSyntax.atomName(call.tree(), arguments.get(0)) : null;
            String key = app == null ? null : key(call.tree(), arguments.get(1));
            if (key != null) {
                puts.add(List.of(app, key));
            }
        }
        return new AppEnvReads(reads, buildToolReads, reads(project, FileRole.CONFIG), ownApps, wholeConfigReads, puts,
                model, MixLock.of(project).packages());
    }

    /**
     * Whether no application of the build has the name: not one of the project's own, not a package its mix.lock
     * holds or a mix.exs lists, not one of Erlang's or Elixir's, and no code reads config of an app it cannot name.
     * Config of such an app (a misspelt {@code config :shopp, Shop.Repo, …}) reaches nothing. False without a
     * mix.lock, which alone lists the dependencies' own dependencies, or when a mix.exs names its app or its
     * dependencies in a way the model cannot read ({@code deps: Enum.map(deps_list(), &dep_process/1)}: a path
     * dependency of those is in no lock).
     */
    public boolean configuresNoApp(String app) {
        boolean appsKnown = model.mixfiles().stream().allMatch(mix -> mix.appName() != null && mix.depsComplete());
        return app != null && appsKnown && locked != null && !locked.isEmpty() && !ownApps.contains(app)
                && !locked.contains(app)
                && !RUNTIME_APPS.contains(app) && !model.dependsOn(app)
                && Stream.of(reads, buildToolReads).flatMap(List::stream)
                        .noneMatch(read -> read.app() == null || read.app().equals(app));
    }

    /**
     * Whether the project's code reads some of {@code app}'s config itself ({@code Application.get_env(:stripity_stripe,
     * :api_key)}), or reads {@code key} (any key, when null) of an app it does not name: the release module's
     * {@code Application.fetch_env!(@app, :ecto_repos)} reads no library's {@code :api_key}.
     */
    public boolean codeReadsConfigOf(String app, String key) {
        return readsWholeConfig(app) || Stream.of(reads, buildToolReads).flatMap(List::stream)
                .anyMatch(read -> app.equals(read.app())
                        || read.app() == null && (key == null || read.key() == null || key.equals(read.key())));
    }

    private static List<Read> reads(ProjectContext project, FileRole role) {
        List<Read> reads = new ArrayList<>();
        RemoteCalls calls = RemoteCalls.of(project);
        for (Map.Entry<String, Kind> function : FUNCTIONS.entrySet()) {
            for (RemoteCalls.Call call : calls.find(role, "Application", function.getKey())) {
                List<Node> arguments = new ArrayList<>(call.arguments());
                Node piped = pipedInto(call);
                if (piped != null) {
                    arguments.add(0, piped);
                }
                if (!arguments.isEmpty()) {
                    String app = ElixirSyntax.atomName(call.tree(), arguments.get(0));
                    String key = arguments.size() > 1 ? key(call.tree(), arguments.get(1)) : null;
                    reads.add(new Read(app, key, function.getValue(), call));
                }
            }
        }
        reads.sort(Comparator.comparing((Read read) -> read.call().file().path())
                .thenComparingInt(read -> read.call().node().startByte()));
        return reads;
    }

    /**
     * The reads with {@code __MODULE__} as their key given the name of the module they are written in
     * ({@code @client_id Application.get_env(:shop, __MODULE__)[:client_id]} in {@code Shop.OAuth} reads
     * {@code config :shop, Shop.OAuth, client_id: …}); one outside any module keeps it as written.
     */
    private static List<Read> withModuleKeys(List<Read> reads, ModuleIndex modules) {
        List<Read> resolved = new ArrayList<>(reads.size());
        for (Read read : reads) {
            Module enclosing = "__MODULE__".equals(read.key()) ? innermostHolding(modules, read.call()) : null;
            resolved.add(enclosing == null ? read : new Read(read.app(), enclosing.name(), read.kind(), read.call()));
        }
        return resolved;
    }

    private static Module innermostHolding(ModuleIndex modules, RemoteCalls.Call call) {
        Module innermost = null;
        for (Module module : modules.inFilesMentioning("__MODULE__")) {
            if (module.file().path().equals(call.file().path()) && module.node().startByte() <= call.node().startByte()
                    && call.node().endByte() <= module.node().endByte()
                    && (innermost == null || module.node().startByte() >= innermost.node().startByte())) {
                innermost = module;
            }
        }
        return innermost;
    }

    /**
     * Whether a read of a whole key goes on to take {@code setting} of it, in the statement that holds it:
     * {@code Application.get_env(:shop, Shop.OAuth)[:client_secret]}, {@code Keyword.get(…, :client_secret)}.
     */
    public static boolean takes(Read read, String setting) {
        String text = takingExpression(read);
        return text.contains("[:" + setting + "]") || text.contains(":" + setting + ")") || text.contains(":" + setting + ",");
    }

    /** The read and what takes its value on: an access, a call given it, a pipe ({@code …[:url][:host]}). */
    private static String takingExpression(Read read) {
        SyntaxTree tree = read.call().tree();
        List<Node> path = tree.root().pathDownTo(read.call().node());
        Node expression = read.call().node();
        for (int i = path.size() - 2; i >= 0 && (path.get(i).is("access_call") || path.get(i).is("arguments")
                || path.get(i).is("call") || path.get(i).is("binary_operator")); i--) {
            expression = path.get(i);
        }
        return tree.text(expression);
    }

    /** {@code [:url]} or {@code [ShopWeb.Endpoint, :url]}: the read takes one setting of the key, not all of it. */
    private static final Pattern TAKES_A_SETTING = Pattern.compile("\\[\\s*:\\w+\\s*]|\\[\\s*[A-Z][\\w.]*\\s*,\\s*:\\w+");

    /**
     * Whether a read of a key may give its code {@code setting} (any setting when null): it takes that setting, or
     * no single one ({@code [:url]}, {@code [ShopWeb.Endpoint, :url]} take one).
     */
    private static boolean mayTake(Read read, String setting) {
        return setting == null || takes(read, setting) || !TAKES_A_SETTING.matcher(takingExpression(read)).find();
    }

    /**
     * Whether the code reads {@code setting} of the app's {@code key} with {@code Application.compile_env}: a read of
     * the whole key, or one that takes that setting ({@code compile_env(:shop, Endpoint)[:url]} reads the url, not the
     * secret_key_base beside it). A null setting asks for any read of the key. A value fixed when the code compiles by
     * design, which the release refuses to boot with when it changes.
     */
    public boolean readsAtCompileTime(String app, String key, String setting) {
        return key != null && reads.stream().anyMatch(read -> read.kind() == Kind.COMPILE_TIME && app.equals(read.app())
                && key.equals(read.key()) && mayTake(read, setting));
    }

    /** The value piped into the call ({@code :shop |> Application.get_env(:key)}: its first argument), or null. */
    private static Node pipedInto(RemoteCalls.Call call) {
        SyntaxTree tree = call.tree();
        List<Node> path = tree.root().pathDownTo(call.node());
        Node parent = path.size() > 1 ? path.get(path.size() - 2) : null;
        boolean pipe = parent != null && parent.is("binary_operator") && parent.child("operator") != null
                && "|>".equals(tree.text(parent.child("operator"))) && parent.child("right") == call.node();
        return pipe ? parent.child("left") : null;
    }

    private static boolean inAny(List<Module> modules, RemoteCalls.Call call) {
        return modules.stream().anyMatch(module -> module.file().path().equals(call.file().path())
                && module.node().startByte() <= call.node().startByte() && call.node().endByte() <= module.node().endByte());
    }

    /**
     * {@code :feature} → "feature", {@code ShopWeb.Endpoint} as written, {@code [:feature, :enabled]} → "feature";
     * {@code __MODULE__} as written, for {@link #withModuleKeys} to name.
     */
    private static String key(SyntaxTree tree, Node node) {
        Node first = node.is("list") && !node.namedChildren().isEmpty() ? node.namedChildren().get(0) : node;
        if (first.is("alias") || tree.text(first).equals("__MODULE__")) {
            return tree.text(first);
        }
        return ElixirSyntax.atomName(tree, first);
    }

    public List<Read> reads() {
        return reads;
    }

    /**
     * Whether {@code key} of one of the project's own apps is read only by Mix tasks or mix.exs, on the build
     * machine: one of them reads it, and no other code of the project may read it: none names it, nor reads the
     * app's config with a key it does not write literally (a read whose app is not literal, such as
     * {@code Application.fetch_env!(@app, :ecto_repos)}, still reads only the key it names). Keys named by a module
     * are left out: libraries read those ({@code use Ecto.Repo, otp_app: :shop} reads {@code config :shop, Shop.Repo}).
     */
    public boolean readOnlyByBuildTools(String app, String key) {
        if (key == null || readsWholeConfig(app) || !ownApps.contains(app) || Character.isUpperCase(key.charAt(0))
                || buildToolReads.stream().noneMatch(read -> app.equals(read.app()) && key.equals(read.key()))) {
            return false;
        }
        return reads.stream().filter(read -> !buildToolReads.contains(read))
                .noneMatch(read -> (read.app() == null || app.equals(read.app()))
                        && (read.key() == null || key.equals(read.key())));
    }

    /**
     * Whether a key of an endpoint's config that Phoenix itself does not read is read by nothing: no code names it
     * ({@code Endpoint.config(:activation_salt)}, {@code [:activation_salt]}) and the endpoint's config is not read
     * whole elsewhere. A key Phoenix defines ({@code secret_key_base}) always counts as read.
     */
    public boolean endpointKeyReadByNothing(String app, String key) {
        return key != null && !key.equals("secret_key_base") && !readsWholeConfig(app) && !model.modules().isEmpty()
                && !named(key);
    }

    /**
     * Whether {@code key} of one of the project's own apps is read by nothing: no code or config reads it (nor any
     * key of the app without naming it, nor the app's whole config), no code names the key as an atom (a helper may
     * pass it on, {@code use_config: {:shop, :basic_auth}}), and no dependency called like it is used by the code (a
     * library reads {@code config :shop, :pow} through {@code plug Pow.Plug.Session, otp_app: :shop}; the basic_auth
     * library reads {@code config :shop, :basic_auth} only where a plug of it is told the key). Keys named by a module
     * are left out, as above, and so is every key when no code of the project is in sight: what reads it is then
     * unknown.
     */
    public boolean readByNothing(String app, String key) {
        if (key == null || readsWholeConfig(app) || !ownApps.contains(app) || Character.isUpperCase(key.charAt(0))
                || model.dependsOn(key) && namesModuleOf(key) || model.modules().isEmpty()) {
            return false;
        }
        // A read of a key the code passes in (`def get_env!(key), do: Application.fetch_env!(:app, key)`) reads the
        // keys the code names, unless it makes atoms of text.
        boolean read = Stream.of(reads, buildToolReads, configReads).flatMap(List::stream)
                .anyMatch(one -> (one.app() == null || app.equals(one.app()))
                        && (one.key() == null ? !reads.contains(one) || buildsAtoms() : key.equals(one.key())));
        return !read && !named(key);
    }

    /** Whether the code makes atoms of text, or module names ({@code Module.concat}): any module's key may be read. */
    private boolean buildsModuleNames() {
        return buildsAtoms() || !model.modules().inFilesWhere(text -> text.contains("Module.concat")
                || text.contains("Module.safe_concat")).isEmpty();
    }

    /** Whether the code makes atoms of text ({@code String.to_atom}, {@code :"#{…}"}): any key may be read then. */
    private boolean buildsAtoms() {
        if (buildsAtoms == null) {
            buildsAtoms = !model.modules().inFilesWhere(text -> text.contains("to_atom") || text.contains(":\"#{")
                    || text.contains("to_existing_atom")).isEmpty();
        }
        return buildsAtoms;
    }

    /**
     * Whether {@code setting} of {@code key} (an app's own key holding a keyword list) is read by nothing, though the
     * key itself is: every read of the key takes another setting of it ({@code compile_env(:shop, [:users, :length])},
     * {@code get_env(:shop, :users)[:length]}), so {@code users: [admin: [password: …]]} beside it reaches no code.
     * False where a read takes the whole key, or the code is not in sight.
     */
    public boolean settingReadByNothing(String app, String key, String setting) {
        if (readByNothing(app, key)) {
            return true;
        }
        if (key == null || setting == null || readsWholeConfig(app) || !ownApps.contains(app)
                || model.modules().isEmpty()) {
            return false;
        }
        List<Read> ofKey = Stream.of(reads, buildToolReads, configReads).flatMap(List::stream)
                .filter(one -> one.app() == null || app.equals(one.app())).filter(one -> one.key() == null
                        || key.equals(one.key())).toList();
        for (Read read : ofKey) {
            Set<String> taken = settingsTaken(read);
            if (read.key() == null || taken == null || taken.contains(setting)) {
                return false;
            }
        }
        return !ofKey.isEmpty();
    }

    /**
     * Whether a setting that a {@code config} call writes is one no code takes, by how the call names it: below an
     * atom subject ({@code config :shop, :llm, model: …}: the keys start with the setting) or, without a subject,
     * below the first key ({@code config :shop, llm: [model: …]}). See {@link #settingReadByNothing}.
     *
     * @param subject the call's subject as written ("llm" for {@code :llm}, a module's name, or null)
     * @param keys    the path of keys to the setting, below the subject
     */
    public boolean settingReadByNothing(String app, String subject, List<String> keys) {
        if (subject != null && !subject.isEmpty() && Character.isLowerCase(subject.charAt(0))) {
            return !keys.isEmpty() && settingReadByNothing(app, subject, keys.get(0));
        }
        // A module's key: unless a library is handed it (`use Bamboo.Mailer, otp_app:` reads all of it), the code's
        // reads say which settings are taken.
        if (subject != null && !subject.isEmpty() && Character.isUpperCase(subject.charAt(0))) {
            return !keys.isEmpty() && !handsConfigToALibrary(subject) && settingReadByNothing(app, subject, keys.get(0));
        }
        return subject == null && keys.size() > 1 && settingReadByNothing(app, keys.get(0), keys.get(1));
    }

    /**
     * The settings a read of a key takes: the second step of a compile_env path ({@code [:users, :length, …]}), an
     * access after the read ({@code …[:length]}), or what the code takes of the variable it binds the read to
     * ({@link #settingsTakenOfVariable}); null when it takes the whole key.
     */
    private static Set<String> settingsTaken(Read read) {
        String call = read.call().tree().text(read.call().node());
        Matcher path = PATH_SETTING.matcher(call);
        if (path.find()) {
            return Set.of(path.group(1));
        }
        String expression = takingExpression(read);
        Matcher access = ACCESS_SETTING.matcher(expression);
        if (access.find()) {
            return Set.of(access.group(1));
        }
        // `get_env(:shop, :llm, []) |> Keyword.get(:base_url)`: the pipe right after the read takes one setting.
        int after = expression.indexOf(call);
        Matcher piped = PIPED_SETTING.matcher(after < 0 ? "" : expression.substring(after + call.length()));
        return piped.lookingAt() ? Set.of(piped.group(1)) : settingsTakenOfVariable(read);
    }

    /**
     * What the code takes of a read it binds to a variable, in the function that reads: {@code conf = get_env(…)} or
     * a {@code case get_env(…) do} clause {@code conf -> …}, then only {@code conf[:from]} or
     * {@code Keyword.get(conf, :from)}. Null when the value goes anywhere else (passed on whole, returned, merged),
     * or a clause matches it against a pattern that may take settings: then any setting may be read.
     */
    private static Set<String> settingsTakenOfVariable(Read read) {
        SyntaxTree tree = read.call().tree();
        List<Node> path = tree.root().pathDownTo(read.call().node());
        int last = path.size() - 1;
        Node function = path.stream().filter(node -> runsLater(tree, node)).reduce((first, second) -> second)
                .orElse(null);
        if (function == null || last < 2) {
            return null;
        }
        Node value = path.get(last);
        Node holder = path.get(last - 1);
        if (holder.is("binary_operator") && "=".equals(operator(tree, holder)) && value.equals(holder.child("right"))
                && holder.child("left") != null && holder.child("left").is("identifier")) {
            return settingsTakenOf(tree, function, tree.text(holder.child("left")), holder.endByte());
        }
        Node caseCall = path.get(last - 2);
        if (!holder.is("arguments") || holder.namedChildren().size() != 1 || !caseCall.is("call")
                || !"case".equals(ElixirSyntax.localCallName(tree, caseCall)) || ElixirSyntax.doBlock(caseCall) == null) {
            return null;
        }
        Set<String> taken = new HashSet<>();
        for (Node clause : ElixirSyntax.doBlock(caseCall).namedChildren()) {
            if (!clause.is("stab_clause")) {
                continue;
            }
            Node patterns = clause.child("left");
            Node pattern = patterns == null || patterns.namedChildren().size() != 1 ? null
                    : patterns.namedChildren().get(0);
            if (pattern == null) {
                return null;
            }
            if (pattern.is("identifier") && !tree.text(pattern).startsWith("_")) {
                Set<String> ofClause = settingsTakenOf(tree, clause, tree.text(pattern), pattern.endByte());
                if (ofClause == null) {
                    return null;
                }
                taken.addAll(ofClause);
            } else if (!pattern.is("nil") && !pattern.is("atom") && !pattern.is("boolean") && !pattern.is("identifier")
                    && !(pattern.is("list") && pattern.namedChildren().isEmpty())) {
                return null; // `[from: from]`, `%{} = conf`: the pattern itself may take settings
            }
        }
        return taken;
    }

    /** Whether the node is a call whose body runs after the module compiles: a function's definition, say. */
    private static boolean runsLater(SyntaxTree tree, Node node) {
        String name = ElixirSyntax.localCallName(tree, node);
        return name != null && RUNS_LATER.contains(name);
    }

    /** The operator of a binary operator node ({@code =}, {@code ||}). */
    private static String operator(SyntaxTree tree, Node binary) {
        Node operator = binary.child("operator");
        return operator == null ? null : tree.text(operator);
    }

    /** Functions that take one setting of a keyword list given first: {@code Keyword.get(conf, :from)}. */
    private static final Set<String> KEYWORD_LOOKUPS = Set.of("get", "fetch", "fetch!", "get_lazy", "has_key?");

    /**
     * The settings taken of {@code variable} after {@code from} in {@code scope}: each use must be an access with a
     * literal atom ({@code conf[:from]}) or the first argument of a Keyword lookup with one; null for any other use.
     */
    private static Set<String> settingsTakenOf(SyntaxTree tree, Node scope, String variable, int from) {
        Set<String> taken = new HashSet<>();
        boolean[] other = {false};
        scope.forEachDescendant(node -> {
            if (other[0] || !node.is("identifier") || node.startByte() < from || !variable.equals(tree.text(node))) {
                return;
            }
            List<Node> up = scope.pathDownTo(node);
            Node parent = up.size() >= 2 ? up.get(up.size() - 2) : null;
            String setting = null;
            if (parent != null && parent.is("access_call") && node.equals(parent.child("target"))) {
                setting = ElixirSyntax.atomName(tree, parent.child("key"));
            } else if (parent != null && parent.is("arguments") && up.size() >= 3
                    && !parent.namedChildren().isEmpty() && node.equals(parent.namedChildren().get(0))
                    && parent.namedChildren().size() >= 2) {
                Node call = up.get(up.size() - 3);
                boolean lookup = KEYWORD_LOOKUPS.stream()
                        .anyMatch(name -> ElixirSyntax.isRemoteCall(tree, call, "Keyword", name));
                setting = lookup ? ElixirSyntax.atomName(tree, parent.namedChildren().get(1)) : null;
            }
            if (setting == null) {
                other[0] = true;
            } else {
                taken.add(setting);
            }
        });
        return other[0] ? null : taken;
    }

    /** A pipe into a keyword lookup: {@code |> Keyword.get(:base_url)}, {@code |> Keyword.fetch!(:model)}. */
    private static final Pattern PIPED_SETTING = Pattern.compile("\\s*\\|>\\s*Keyword\\.(?:get|fetch!?)\\(\\s*:(\\w+)");

    /** The setting of a key path given to a read: {@code [:users, :length, :password]} takes length. */
    private static final Pattern PATH_SETTING = Pattern.compile("\\[\\s*:\\w+\\s*,\\s*:(\\w+)");
    /** The setting an access right after the read takes: {@code get_env(:shop, :users)[:length]}. */
    private static final Pattern ACCESS_SETTING = Pattern.compile("\\)\\s*\\[\\s*:(\\w+)\\s*]");

    /**
     * Whether a key of one of the project's own apps named by a module ({@code config :shop, TrackerGG, token: …}) is
     * read by nothing: no read names it, the app's config is not read whole, and no code of the project mentions the
     * module at all (it is neither defined nor used: the module that would read its config with {@code __MODULE__}
     * or {@code otp_app:} does not exist). A nested module is mentioned where its last part follows its parent (in
     * full, or in a multi-alias {@code alias Shop.{Repo, Tracker}}): {@code Endpoint} alone, which every app has, does
     * not mention {@code ShopWeb.Endpoint} in an app whose endpoint is {@code Shop.Endpoint}, nor does a file naming
     * {@code Shop.Repo} and {@code ShopWeb.Endpoint} mention {@code Shop.Endpoint}. Unknown, so false, when no code is
     * in sight.
     */
    public boolean moduleKeyReadByNothing(String app, String module) {
        if (module == null || module.isEmpty() || !Character.isUpperCase(module.charAt(0)) || readsWholeConfig(app)
                || !ownApps.contains(app) || model.modules().isEmpty()) {
            return false;
        }
        // A read of a key the code passes in (`defp default_value(key, d), do: Application.get_env(@app, key, d)`)
        // reads a module's key only where the code names the module (below) or makes module names of text.
        boolean read = Stream.of(reads, buildToolReads, configReads).flatMap(List::stream)
                .anyMatch(one -> (one.app() == null || app.equals(one.app())) && (one.key() == null
                        ? !reads.contains(one) || buildsModuleNames() : module.equals(one.key())));
        if (read || model.modules().find(module) != null) {
            return false;
        }
        int dot = module.lastIndexOf('.');
        String last = module.substring(dot + 1);
        // Its last part right after its parent (`Shop.Tracker`, `alias Shop.{Repo, Tracker}`), or alone for a
        // top-level module: the parent and the last part apart (`Shop.Repo` and `ShopWeb.Endpoint` in one file) do
        // not name `Shop.Endpoint`.
        Pattern mention = dot < 0 ? wordPattern(last) : Pattern.compile("(?<![\\w])"
                + Pattern.quote(module.substring(module.lastIndexOf('.', dot - 1) + 1, dot))
                + "\\.(?:\\{[^}]*)?(?<![\\w])" + Pattern.quote(last) + "(?![\\w])");
        return model.modules().inFilesMentioning(last).stream()
                .noneMatch(one -> one.mentions(module) || matchesOutsideComments(one, mention));
    }

    /**
     * Whether a pattern matches a module's code outside its comments: the generated
     * {@code #     Shop.Endpoint.broadcast("users_socket:#{user.id}", "disconnect", %{})} of a socket names nothing.
     */
    private static boolean matchesOutsideComments(Module module, Pattern pattern) {
        SyntaxTree tree = module.tree();
        int base = tree.startOffset(module.node());
        List<int[]> comments = new ArrayList<>();
        module.node().forEachDescendant(node -> {
            if (node.is("comment")) {
                comments.add(new int[] {tree.startOffset(node) - base, tree.endOffset(node) - base});
            }
        });
        Matcher match = pattern.matcher(tree.text(module.node()));
        while (match.find()) {
            int at = match.start();
            if (comments.stream().noneMatch(comment -> at >= comment[0] && at < comment[1])) {
                return true;
            }
        }
        return false;
    }

    private static Pattern wordPattern(String word) {
        return Pattern.compile("(?<![\\w])" + Pattern.quote(word) + "(?![\\w])");
    }

    /**
     * Whether the code sets {@code app}'s {@code key} itself with {@code Application.put_env} (from a secrets manager
     * when it starts, say): the config's value for it may be replaced while the app runs. Only puts that name both
     * literally count: a helper that puts whatever it is given ({@code Application.put_env(entry.app, entry.key, v)},
     * a test's temporary settings) says nothing of production's keys.
     */
    public boolean putAtRuntime(String app, String key) {
        return puts.contains(List.of(app, key));
    }

    /**
     * Whether a function of the code that reads {@code app}'s {@code key} at run time also reads the environment
     * variable itself ({@code Application.get_env(:shop, :oauth)[:client_id] || System.get_env("CLIENT_ID")}): where
     * the config holds nothing, the code takes the operator's value when it runs.
     */
    public boolean fallsBackToVariable(String app, String key, String variable) {
        if (key == null || variable == null) {
            return false;
        }
        for (Read read : reads) {
            if (read.kind() == Kind.RUNTIME && app.equals(read.app()) && key.equals(read.key())
                    && !buildToolReads.contains(read)) {
                Node function = enclosingFunction(read.call());
                if (function != null && readsVariable(read.call().tree(), function, variable)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The read through which the code takes {@code app}'s {@code key} when a module compiles, when every read of the
     * app's code is of that kind: into a module attribute ({@code @limit Application.get_env(:shop, :limit)}), or
     * elsewhere in a module's body outside any function ({@code plug CORSPlug, origin: Application.fetch_env!(…)}).
     * The build's config is then fixed in the code and runtime config cannot change it. Null otherwise.
     */
    public Read onlyReadWhenCompiling(String app, String key) {
        return onlyReadWhenCompiling(app, key, null);
    }

    /**
     * {@link #onlyReadWhenCompiling(String, String)} for one {@code setting} of a module's key: only the reads that
     * take that setting, or the whole key, count ({@code compile_env(:shop, Endpoint)[:url][:host]} in the body of
     * the endpoint says nothing of its {@code secret_key_base}). Null for a module that hands its config to a library
     * ({@code use Phoenix.Endpoint, otp_app: :shop}, an Ecto repo, a mailer): the library reads it when the app runs.
     */
    public Read onlyReadWhenCompiling(String app, String key, String setting) {
        if (key == null || readsWholeConfig(app) || handsConfigToALibrary(key) && !endpointsOwnSetting(key, setting)) {
            return null;
        }
        Read first = null;
        for (Read read : reads) {
            if (buildToolReads.contains(read) || read.app() != null && !app.equals(read.app())
                    || read.key() != null && !key.equals(read.key())) {
                continue;
            }
            if (read.app() != null && read.key() != null && !mayTake(read, setting)) {
                continue; // a read of another setting of the key says nothing of this one
            }
            if (read.app() == null || read.key() == null || compiledIn(read.call()) == null) {
                return null; // read at run time, or in a way that cannot be told
            }
            first = first == null ? read : first;
        }
        return first;
    }

    /**
     * Whether {@code setting} of the Phoenix endpoint named {@code key} is one Phoenix does not read: the app's own,
     * read only where its code names it ({@code plug Application.get_env(:shop, ShopWeb.Endpoint)[:router]}).
     */
    private boolean endpointsOwnSetting(String key, String setting) {
        Module module = model.modules().find(key);
        return setting != null && !EndpointKeys.readByPhoenix(setting) && module != null
                && module.tree().text(module.node()).contains("use Phoenix.Endpoint");
    }

    /** Whether the module named {@code key} is defined with a {@code use …, otp_app:}: a library reads its config. */
    private boolean handsConfigToALibrary(String key) {
        if (key.isEmpty() || !Character.isUpperCase(key.charAt(0))) {
            return false;
        }
        Module module = model.modules().find(key);
        return module != null && module.tree().text(module.node()).contains("otp_app:");
    }

    /**
     * Where a call runs when its module compiles, said for a message: "into @limit" for a module attribute's value,
     * "in the body of ShopWeb.Endpoint (outside any function)" for a call outside any function (a {@code plug} option); null when it runs
     * later (in a function, an anonymous function or quoted code), is outside any module, or is an option of a
     * {@code use}, which its macro may evaluate either way.
     */
    public static String compiledIn(RemoteCalls.Call call) {
        SyntaxTree tree = call.tree();
        List<Node> path = tree.root().pathDownTo(call.node());
        for (int i = path.size() - 1; i >= 0; i--) {
            Node node = path.get(i);
            String name = ElixirSyntax.localCallName(tree, node);
            if (node.is("anonymous_function") || name != null && RUNS_LATER.contains(name)) {
                return null;
            }
            if ("use".equals(name) && i < path.size() - 1) {
                // An option of `use Lib, url: Application.get_env(…)` is code the macro places: in a module attribute
                // (read when compiling) or in a function it defines (read when that runs). Which cannot be told here.
                return null;
            }
            Node operator = node.is("unary_operator") ? node.child("operator") : null;
            if (operator != null && tree.text(operator).equals("@") && node.child("operand") != null) {
                String attribute = ElixirSyntax.localCallName(tree, node.child("operand"));
                return attribute == null ? null : "into @" + attribute;
            }
            if ("defmodule".equals(name)) {
                List<Node> arguments = ElixirSyntax.arguments(node);
                return arguments.isEmpty() || !arguments.get(0).is("alias") ? null
                                : "in the body of " + tree.text(arguments.get(0)) + " (outside any function)";
            }
        }
        return null;
    }

    /** The {@code def}/{@code defp} around a call, or null. */
    private static Node enclosingFunction(RemoteCalls.Call call) {
        SyntaxTree tree = call.tree();
        List<Node> path = tree.root().pathDownTo(call.node());
        for (int i = path.size() - 1; i >= 0; i--) {
            String name = ElixirSyntax.localCallName(tree, path.get(i));
            if ("def".equals(name) || "defp".equals(name)) {
                return path.get(i);
            }
        }
        return null;
    }

    /** Whether {@code function} calls {@code System.get_env}, {@code fetch_env} or {@code fetch_env!} on the variable. */
    private static boolean readsVariable(SyntaxTree tree, Node function, String variable) {
        boolean[] found = {false};
        function.forEachDescendant(node -> {
            if (!found[0] && SYSTEM_READS.stream().anyMatch(read -> ElixirSyntax.isRemoteCall(tree, node, "System", read))) {
                List<Node> arguments = ElixirSyntax.arguments(node);
                found[0] = !arguments.isEmpty() && variable.equals(ElixirSyntax.stringLiteral(tree, arguments.get(0)));
            }
        });
        return found[0];
    }

    /** Whether a module of the project names {@code key} as an atom or a keyword ({@code :key}, {@code key:}). */
    /**
     * Whether the code names a module of the dependency: one whose name, without its dots and case, starts with the
     * dependency's without underscores ({@code BasicAuth} of basic_auth, {@code Pow.Plug.Session} of pow,
     * {@code HTTPoison} of httpoison). A library only reads an app's config where the app's code calls it.
     */
    private boolean namesModuleOf(String dependency) {
        return dependencyNamed.computeIfAbsent(dependency, name -> {
            String wanted = name.replace("_", "").toLowerCase(Locale.ROOT);
            for (Module module : model.modules().all()) {
                Deadline.check();
                if (module.namesModule(full -> full.replace(".", "").toLowerCase(Locale.ROOT).startsWith(wanted))) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Whether code names the key: as an atom ({@code :signing_salt}), or as a keyword whose value is not a literal
     * ({@code %{signing_salt: salt} = config}). A keyword given a literal ({@code signing_salt: "v9pLaJR4"} in the
     * endpoint's own session options) writes a value of its own and reads nothing.
     */
    private boolean named(String key) {
        return named.computeIfAbsent(key, name -> {
            Pattern mention = Pattern.compile("(?<![\\w:]):" + Pattern.quote(name) + "(?![\\w?!])|(?<![\\w:])"
                    + Pattern.quote(name) + ":(?!:)(?!\\s*[\"'\\d])");
            for (Module module : model.modules().inFilesMentioning(name)) {
                Deadline.check();
                String text = module.tree().text(module.node());
                Matcher found = mention.matcher(text);
                while (found.find()) {
                    // Commented-out code reads nothing, and a route's action names a controller function.
                    if (!TextSearch.inHashCommentLine(text, found.start()) && !routeAction(text, found.start())) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    /**
     * Whether the atom at {@code at} is the action of a route ({@code post "/webhooks/hubspot", WebhookController,
     * :hubspot}, {@code live "/", PageLive, :index}): the name of a controller function or a live action, no key.
     */
    private static boolean routeAction(String text, int at) {
        int start = text.lastIndexOf('\n', at - 1) + 1;
        return ROUTE_ACTION.matcher(text.substring(start, at + 1)).matches();
    }

    /** Whether the code reads all of {@code app}'s config at once, or some app's it does not name. */
    private boolean readsWholeConfig(String app) {
        return wholeConfigReads.contains(app) || wholeConfigReads.contains(null);
    }

    /** Whether the code reads any of {@code app}'s config at compile time. */
    public boolean readsAtCompileTime(String app) {
        return reads.stream().anyMatch(read -> read.kind() == Kind.COMPILE_TIME && app.equals(read.app()));
    }
}
