package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/** The Phoenix side of a project: its endpoints with their plugs, and its routers with their routes. */
public final class PhoenixApp {
    /**
     * One {@code plug} line of an endpoint or a pipeline.
     *
     * @param module   the plug module by full name ({@code plug ShopWeb.Router}), or null for a function plug
     * @param function the function of a function plug ({@code plug :health}), or null for a module plug
     * @param options  the arguments after the plug
     */
    public record Plug(Node statement, String module, String function, List<Node> options) {
    }

    /** A module with {@code use Phoenix.Endpoint} and its top-level plugs, in order. */
    public record Endpoint(Module module, List<Plug> plugs) {
        /** The {@code otp_app:} of its {@code use Phoenix.Endpoint}: the app whose config it reads; null if unreadable. */
        public String otpApp() {
            SyntaxTree tree = module.tree();
            for (Node pair : ElixirSyntax.keywordPairs(module.use("Phoenix.Endpoint", null))) {
                if ("otp_app".equals(ElixirSyntax.keywordName(tree, pair))) {
                    return ElixirSyntax.atomName(tree, pair.child("value"));
                }
            }
            return null;
        }

        /**
         * Its {@code socket "/live", …} declarations at the top of the module: the sockets it serves in every
         * environment (those inside {@code if code_reloading? do} are left out).
         */
        public List<Node> sockets() {
            SyntaxTree tree = module.tree();
            return module.body().stream().filter(node -> "socket".equals(ElixirSyntax.localCallName(tree, node))).toList();
        }
    }

    /** A {@code pipeline :name do … end} of a router. */
    public record Pipeline(String name, List<Plug> plugs) {
    }

    /**
     * A route of a router.
     *
     * @param method      "get", "post", … as written; the atom of {@code match} ("*" for {@code match :*}); "forward"
     * @param path        the full path, scope prefixes included
     * @param controller  the full name of the controller or forwarded plug
     * @param action      the action atom, or null for {@code forward} and routes without one
     * @param pipeThrough the pipelines in effect, outermost scope first
     */
    public record Route(Module router, Node statement, String method, String path, String controller, String action,
                        List<String> pipeThrough) {
        public boolean isForward() {
            return method.equals("forward");
        }
    }

    /** A module with {@code use Phoenix.Router} (or {@code use MyAppWeb, :router}). */
    public record Router(Module module, List<Route> routes, List<Pipeline> pipelines) {
        public Pipeline pipeline(String name) {
            for (Pipeline pipeline : pipelines) {
                if (pipeline.name().equals(name)) {
                    return pipeline;
                }
            }
            return null;
        }
    }

    private final ModuleIndex index;
    private final List<Endpoint> endpoints;
    private final List<Router> routers;

    private PhoenixApp(ModuleIndex index, List<Endpoint> endpoints, List<Router> routers) {
        this.index = index;
        this.endpoints = endpoints;
        this.routers = routers;
    }

    public static PhoenixApp read(ModuleIndex index) {
        List<Endpoint> endpoints = new ArrayList<>();
        List<Router> routers = new ArrayList<>();
        // A `use` names its module as written, or its option as an atom: the file's text holds the word.
        for (Module module : index.inFilesMentioning("Phoenix.Endpoint")) {
            if (module.uses("Phoenix.Endpoint", null)) {
                endpoints.add(new Endpoint(module, plugs(module, module.body())));
            }
        }
        for (Module module : index.inFilesWhere(text -> text.contains("Phoenix.Router") || text.contains("router"))) {
            if (module.uses("Phoenix.Router", "router")) {
                routers.add(RouterReader.read(index, module));
            }
        }
        return new PhoenixApp(index, List.copyOf(endpoints), List.copyOf(routers));
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The endpoint the project defines under that module name, or null. */
    public Endpoint endpoint(String module) {
        return module == null ? null
                : endpoints.stream().filter(endpoint -> endpoint.module().name().equals(module)).findFirst().orElse(null);
    }

    public List<Router> routers() {
        return routers;
    }

    /** The router an endpoint plugs ({@code plug ShopWeb.Router}), or null. */
    public Router routerOf(Endpoint endpoint) {
        for (Plug plug : endpoint.plugs()) {
            for (Router router : routers) {
                if (router.module().name().equals(plug.module())) {
                    return router;
                }
            }
        }
        return null;
    }

    /**
     * Whether code other than the endpoint's own module names it: a supervision tree that starts it, a router that
     * forwards to it, a call of its functions (not the generated {@code config_change/3} callback, which names it in
     * every application). An endpoint named nowhere else is never started.
     */
    public boolean namedByOtherModules(String endpoint) {
        // A text check first: a module that names the endpoint has its last segment, however it is aliased.
        for (Module module : index.inFilesMentioning(endpoint.substring(endpoint.lastIndexOf('.') + 1))) {
            if (!module.name().equals(endpoint) && names(module, endpoint)) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(Module module, String endpoint) {
        SyntaxTree tree = module.tree();
        // The generator's Application.config_change/3 names the endpoint whether or not the tree starts it.
        List<Node> configChanges = module.clauses("config_change").stream().map(ModuleIndex.Function::definition)
                .toList();
        boolean[] named = {false};
        module.node().forEachDescendant(node -> {
            if (!named[0] && node.is("alias") && module.resolve(tree.text(node)).equals(endpoint)
                    && configChanges.stream().noneMatch(definition -> definition.startByte() <= node.startByte()
                            && node.endByte() <= definition.endByte())) {
                named[0] = true;
            }
        });
        return named[0];
    }

    /**
     * Whether a supervision tree starts the endpoint with {@code server: true} ({@code {ShopWeb.Endpoint, server: true}}):
     * TRUE for a literal {@code true}, UNKNOWN for a value that is not a literal, else FALSE.
     */
    public Truth childServer(String endpoint) {
        Truth served = Truth.FALSE;
        // A text check first: most modules start no endpoint.
        for (Module module : index.inFilesMentioning("server:")) {
            for (Node options : childOptions(module, endpoint)) {
                for (Node pair : ElixirSyntax.pairsOf(options)) {
                    Node value = pair.child("value");
                    if ("server".equals(ElixirSyntax.keywordName(module.tree(), pair)) && value != null) {
                        // An explicit `server: false` is a deliberate choice: it starts nothing.
                        served = served.or(!value.is("boolean") ? Truth.UNKNOWN
                                : Truth.of(module.tree().text(value).equals("true")));
                    }
                }
            }
        }
        return served;
    }

    /**
     * Whether a supervision tree starts the endpoint with options of its own ({@code {ShopWeb.Endpoint, http: […]}}),
     * which Phoenix merges over its config.
     */
    public boolean startedWithOptions(String endpoint) {
        String shortName = endpoint.substring(endpoint.lastIndexOf('.') + 1);
        for (Module module : index.inFilesMentioning(shortName)) {
            if (!childOptions(module, endpoint).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The options of each {@code {Endpoint, options}} tuple in the module that names the endpoint. */
    private static List<Node> childOptions(Module module, String endpoint) {
        SyntaxTree tree = module.tree();
        List<Node> found = new ArrayList<>();
        module.node().forEachDescendant(node -> {
            List<Node> items = node.is("tuple") ? node.namedChildren() : List.of();
            if (items.size() == 2 && items.get(0).is("alias") && module.resolve(tree.text(items.get(0))).equals(endpoint)) {
                found.add(items.get(1));
            }
        });
        return found;
    }

    /** The {@code plug} lines among statements, with module plugs resolved through the module's aliases. */
    static List<Plug> plugs(Module module, List<Node> statements) {
        SyntaxTree tree = module.tree();
        List<Plug> plugs = new ArrayList<>();
        for (Node statement : statements) {
            Deadline.check();
            if (!"plug".equals(ElixirSyntax.localCallName(tree, statement))) {
                continue;
            }
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (arguments.isEmpty()) {
                continue;
            }
            Node plug = arguments.get(0);
            List<Node> options = arguments.subList(1, arguments.size());
            if (plug.is("alias")) {
                plugs.add(new Plug(statement, module.resolve(tree.text(plug)), null, options));
            } else if (ElixirSyntax.atomName(tree, plug) != null) {
                plugs.add(new Plug(statement, null, ElixirSyntax.atomName(tree, plug), options));
            }
        }
        return List.copyOf(plugs);
    }
}
