package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.elixir.Truth;
import dev.gotchals.mix.Dependency;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's Ecto repos. A project talks to a database when it has a repo (a module with {@code use Ecto.Repo},
 * or one named by {@code config :app, ecto_repos: […]}) and a database adapter among its dependencies: {@code ecto}
 * alone is often only there for changesets.
 */
public final class EctoRepos {
    /** The Hex packages that connect Ecto to a database (drivers and adapters). */
    public static final Set<String> ADAPTER_DEPENDENCIES = Set.of("postgrex", "myxql", "mariaex", "ecto_sqlite3",
            "exqlite", "tds", "ecto_mnesia", "ecto_ch", "etso");
    /** Adapters whose drivers connect over TCP through DBConnection and take {@code socket_options}. */
    private static final Set<String> SOCKET_OPTION_ADAPTERS = Set.of("Ecto.Adapters.Postgres", "Ecto.Adapters.MyXQL",
            "Ecto.Adapters.MySQL", "Ecto.Adapters.Tds");
    /** Adapters whose database lives in the app's own file system or memory. */
    private static final Set<String> EMBEDDED_ADAPTERS = Set.of("Ecto.Adapters.SQLite3", "Ecto.Adapters.Exqlite",
            "Ecto.Adapters.Mnesia", "Etso.Adapter");

    /**
     * Repo modules of data layers that {@code use Ecto.Repo} for the project, with the adapter each passes: Ash's
     * ({@code use AshPostgres.Repo, otp_app: :app}).
     */
    private static final Map<String, String> WRAPPED_ADAPTERS = Map.of("AshPostgres.Repo", "Ecto.Adapters.Postgres",
            "AshSqlite.Repo", "Ecto.Adapters.SQLite3");

    /**
     * A module with {@code use Ecto.Repo}, or with a data layer's repo that uses it ({@link #WRAPPED_ADAPTERS}).
     *
     * @param otpApp  its {@code otp_app:}, or null when not an atom
     * @param adapter its {@code adapter:} module as written ({@code Ecto.Adapters.Postgres}), or null
     */
    public record Repo(Module module, String otpApp, String adapter) {
    }

    private final List<Repo> defined;
    private final List<String> configured;
    private final boolean ectoReposConfigured;
    private final Truth adapterDependency;

    private EctoRepos(List<Repo> defined, List<String> configured, boolean ectoReposConfigured, Truth adapterDependency) {
        this.defined = defined;
        this.configured = configured;
        this.ectoReposConfigured = ectoReposConfigured;
        this.adapterDependency = adapterDependency;
    }

    /**
     * @param prodConfig the production config calls, for {@code ecto_repos}
     */
    public static EctoRepos read(ModuleIndex index, List<MixExs> mixfiles, List<ConfigCall> prodConfig) {
        List<Repo> defined = new ArrayList<>();
        // A text check first: a repo's file names Ecto.Repo or the data layer's repo it uses.
        for (Module module : index.inFilesWhere(text -> text.contains("Ecto.Repo")
                || WRAPPED_ADAPTERS.keySet().stream().anyMatch(text::contains))) {
            Node use = module.use("Ecto.Repo", null);
            String adapter = null;
            for (Map.Entry<String, String> wrapper : WRAPPED_ADAPTERS.entrySet()) {
                Node wrapped = use == null ? module.use(wrapper.getKey(), null) : null;
                if (wrapped != null) {
                    use = wrapped;
                    adapter = wrapper.getValue();
                }
            }
            if (use != null) {
                SyntaxTree tree = module.tree();
                String otpApp = null;
                for (Node pair : ElixirSyntax.keywordPairs(use)) {
                    Node value = pair.child("value");
                    String key = ElixirSyntax.keywordName(tree, pair);
                    if ("otp_app".equals(key)) {
                        otpApp = ElixirSyntax.atomName(tree, value);
                    } else if ("adapter".equals(key) && value != null && value.is("alias")) {
                        adapter = tree.text(value);
                    }
                }
                defined.add(new Repo(module, otpApp, adapter));
            }
        }
        List<String> configured = new ArrayList<>();
        boolean ectoRepos = false;
        for (ConfigCall call : prodConfig) {
            Node value = call.value("ecto_repos");
            ectoRepos |= value != null;
            if (value != null && value.is("list")) {
                for (Node item : value.namedChildren()) {
                    if (item.is("alias")) {
                        configured.add(call.tree().text(item));
                    }
                }
            }
        }
        return new EctoRepos(List.copyOf(defined), List.copyOf(configured), ectoRepos, adapterDependency(mixfiles));
    }

    /**
     * TRUE when a mix.exs depends on an adapter; UNKNOWN when a deps list is partly computed or a path dependency
     * (whose own deps are not read here) may bring one; else FALSE.
     */
    private static Truth adapterDependency(List<MixExs> mixfiles) {
        Truth found = Truth.FALSE;
        for (MixExs mix : mixfiles) {
            for (Dependency dependency : mix.deps()) {
                if (ADAPTER_DEPENDENCIES.contains(dependency.name())) {
                    return Truth.TRUE;
                }
                if (dependency.path() != null && !dependency.inUmbrella()) {
                    found = Truth.UNKNOWN;
                }
            }
            if (mix.file() != null && !mix.depsComplete()) {
                found = Truth.UNKNOWN;
            }
        }
        return found;
    }

    /** The modules with {@code use Ecto.Repo}. */
    public List<Repo> defined() {
        return defined;
    }

    /** Whether a module of the project with {@code use Ecto.Repo} has this name ({@code Shop.Repo}). */
    public boolean defines(String module) {
        return defined.stream().anyMatch(repo -> repo.module().name().equals(module));
    }

    /** The repos {@code ecto_repos} names in the production config, in order. */
    public List<String> configured() {
        return configured;
    }

    /** Whether the dependencies include a database adapter. */
    public Truth adapterDependency() {
        return adapterDependency;
    }

    /**
     * Whether every repo keeps its data inside the instance (SQLite, ETS, Mnesia): no network lies between the app
     * and its database. False when no repo names its adapter.
     */
    public boolean embedded() {
        return !defined.isEmpty() && defined.stream().allMatch(EctoRepos::embedded);
    }

    /**
     * Whether a repo's driver opens TCP sockets it takes {@code socket_options} for: Postgrex, MyXQL, Mariaex or Tds,
     * or an adapter not written; not Cassandra's, ClickHouse's or an embedded one.
     */
    public static boolean takesSocketOptions(Repo repo) {
        return repo.adapter() == null || SOCKET_OPTION_ADAPTERS.contains(repo.adapter());
    }

    /** Whether a repo keeps its data inside the instance: its adapter is SQLite, ETS or Mnesia. */
    public static boolean embedded(Repo repo) {
        return repo.adapter() != null && EMBEDDED_ADAPTERS.contains(repo.adapter());
    }

    /** Whether the project talks to a database through Ecto: a repo, and an adapter dependency not ruled out. */
    public boolean usesDatabase() {
        return (!defined.isEmpty() || ectoReposConfigured) && adapterDependency != Truth.FALSE;
    }

    /**
     * The repo to name in messages and edits: the first configured one, else {@code <Prefix>.Repo} when defined,
     * else the first defined; null when there is none.
     */
    public String main(String modulePrefix) {
        if (!configured.isEmpty()) {
            return configured.get(0);
        }
        String preferred = modulePrefix + ".Repo";
        if (defines(preferred)) {
            return preferred;
        }
        return defined.isEmpty() ? null : defined.get(0).module().name();
    }

    /**
     * Whether calling into a module talks to the database: a repo of the project, Ecto's repo, adapter and
     * migrator modules, a driver, phoenix_ecto's plugs ({@code Phoenix.Ecto.CheckRepoStatus}), or a module whose name has a segment ending in {@code Repo}.
     */
    public boolean isDatabaseModule(String module) {
        if (configured.contains(module) || module.equals("Ecto.Migrator") || module.equals("Ecto.Repo")
                || module.startsWith("Ecto.Adapters.") || module.startsWith("Postgrex")
                || module.startsWith("MyXQL") || module.startsWith("Exqlite")
                || module.startsWith("Phoenix.Ecto.")) {
            return true;
        }
        if (defines(module)) {
            return true;
        }
        for (String segment : module.split("\\.")) {
            if (segment.endsWith("Repo")) {
                return true;
            }
        }
        return false;
    }
}
