package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.Aliases;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.Truth;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates config files for one environment the way Elixir does, statement by statement: {@code config} calls,
 * {@code import_config} expanded where it stands, {@code if}/{@code unless} branches entered with what is known
 * of their condition, local variable bindings, and the environment-variable reads on the way.
 */
final class ConfigWalker {
    private static final int MAX_IMPORT_DEPTH = 8;
    /**
     * Modules a config file calls for what they return or do besides config: a statement that calls one of them
     * hands nothing over to the project's code, and the project's modules are not looked up for it.
     */
    private static final Set<String> NOT_THE_PROJECTS = Set.of("System", "Config", "Logger", "Code", "IO", "File",
            "Path", "Application", "String", "Integer", "Enum", "Keyword", "Map", "List", "Mix", "Dotenvy",
            "DotenvParser", "Dotenv");

    private final ProjectContext project;
    private final String env;
    private final EnvReadScanner scanner;
    final List<ConfigCall> calls = new ArrayList<>();
    /** The calls written directly in a branch of an if/else or exhaustive case, with the branch. */
    final Map<ConfigCall, ConfigTimeline.Alternative> alternatives = new IdentityHashMap<>();
    final List<EnvRead> reads = new ArrayList<>();
    /** The config it cannot read (imports of files that are not there, calls it does not follow), in order. */
    final List<ConfigTimeline.UnseenConfig> unseenConfig = new ArrayList<>();
    /** The files evaluated, in the order they were entered. */
    final Map<Path, DocumentSnapshot> files = new LinkedHashMap<>();
    private final Set<Path> visiting = new HashSet<>();
    /** The project's config functions being walked: one that calls itself is walked once. */
    private final Set<Node> visitingFunctions = new HashSet<>();

    ConfigWalker(ProjectContext project, String env) {
        this.project = project;
        this.env = env;
        this.scanner = new EnvReadScanner(env, file -> EnvCalls.of(project, file), reads::add);
    }

    /** Statements of one block still to walk, how they run, and the variables they have bound so far. */
    private static final class Frame {
        final List<Node> statements;
        final Truth applies;
        final boolean topLevel;
        final boolean prodOnly;
        final Map<String, Node> bindings = new HashMap<>();
        /** The file whose existence the block's condition tests ({@code if File.exists?(path)}), or null. */
        Path guardedBy;
        /** Which branch of an {@code if}/{@code else} or exhaustive {@code case} the block is, or null. */
        ConfigTimeline.Alternative alternative;
        int next;

        Frame(List<Node> statements, Truth applies, boolean topLevel, boolean prodOnly) {
            this.statements = statements;
            this.applies = applies;
            this.topLevel = topLevel;
            this.prodOnly = prodOnly;
        }
    }

    void walkFile(DocumentSnapshot file, ConfigPhase phase, Truth applies, boolean prodOnly, int depth) {
        if (!file.isParsed() || depth > MAX_IMPORT_DEPTH || !visiting.add(file.path())) {
            return;
        }
        files.put(file.path(), file);
        walk(file, phase, new Frame(file.tree().statements(), applies, true, prodOnly), new Aliases(null), depth);
        visiting.remove(file.path());
    }

    /**
     * Walks statements in evaluation order, entering {@code if}/{@code unless} and {@code try} blocks where they
     * stand. The blocks still open are kept on an explicit stack, so any nesting depth fits the default thread
     * stack; a block not yet entered has bound nothing, so every frame on the stack can be searched for bindings.
     */
    private void walk(DocumentSnapshot file, ConfigPhase phase, Frame first, Aliases aliases, int depth) {
        SyntaxTree tree = file.tree();
        ArrayDeque<Frame> open = new ArrayDeque<>();
        open.push(first);
        while (!open.isEmpty()) {
            Frame frame = open.peek();
            if (frame.next >= frame.statements.size() || frame.applies == Truth.FALSE) {
                open.pop();
                continue;
            }
            Deadline.check();
            Node statement = frame.statements.get(frame.next++);
            String name = ElixirSyntax.localCallName(tree, statement);
            Node block = ElixirSyntax.doBlock(statement);
            EnvReadScanner.Site site = new EnvReadScanner.Site(file, statement, phase, frame.topLevel, frame.prodOnly);
            List<DocumentSnapshot> loopImports = "for".equals(name) ? ConfigImports.loop(project, file, statement, env)
                    : null;
            DocumentSnapshot required = ElixirSyntax.isRemoteCall(tree, statement, "Code", "require_file")
                    ? ConfigImports.required(project, file, statement, env, visibleBindings(open)) : null;
            // A remote call alone (no local call name) may hand over to a function of the project that writes config.
            ConfigFunction called = name == null && required == null ? configFunction(tree, statement) : null;
            if ("import_config".equals(name)) {
                boolean byEnv = tree.text(statement).contains("#{");
                Map<String, Node> bindings = visibleBindings(open);
                List<DocumentSnapshot> imports = ConfigImports.all(project, file, statement, env, bindings);
                for (DocumentSnapshot imported : imports) {
                    walkFile(imported, phase, frame.applies, frame.prodOnly || byEnv || isProdFileName(imported),
                            depth + 1);
                }
                // A file it names that is not there to load (a gitignored prod.secret.exs) may set any key.
                // One loaded only if it exists (`if File.exists?(path), do: import_config(path)`) is not needed.
                Path missing = imports.isEmpty() ? ConfigImports.namedPath(file, statement, env, bindings) : null;
                if (missing != null && !missing.equals(frame.guardedBy)) {
                    unseenConfig.add(ConfigTimeline.UnseenConfig.missingFile(file, statement, missing,
                            frame.applies, phase, calls.size()));
                }
            } else if (("if".equals(name) || "unless".equals(name))
                    && (block != null || !ElixirSyntax.keywordBranch(tree, statement, false).isEmpty())) {
                List<Node> arguments = ElixirSyntax.arguments(statement);
                Truth condition = Truth.UNKNOWN;
                boolean prodOnlyThen = false;
                boolean prodOnlyElse = false;
                Path tested = null;
                if (!arguments.isEmpty()) {
                    scanner.scan(new EnvReadScanner.Site(file, statement, phase, false, frame.prodOnly),
                            arguments.get(0), frame.applies);
                    condition = EnvCondition.evaluate(tree, arguments.get(0), env);
                    tested = existenceTested(file, arguments.get(0), open);
                    if (tested != null && ConfigImports.existsForBuild(project, tested, env)) {
                        condition = Truth.TRUE; // the repository (or the build, from it) holds the file looked for
                    }
                    // `if id = System.get_env("ID") do`: the condition binds in the enclosing scope.
                    bind(tree, arguments.get(0), frame);
                    boolean unless = name.equals("unless");
                    prodOnlyThen = onlyInProd(tree, arguments.get(0), unless);
                    prodOnlyElse = onlyInProd(tree, arguments.get(0), !unless);
                }
                if (name.equals("unless")) {
                    condition = condition.not();
                }
                // The else block is walked after the do block, and both before the next statement.
                Frame otherwise = new Frame(branch(tree, statement, block, true), frame.applies.and(condition.not()),
                        false, frame.prodOnly || prodOnlyElse);
                Frame then = new Frame(branch(tree, statement, block, false), frame.applies.and(condition),
                        false, frame.prodOnly || prodOnlyThen);
                then.guardedBy = name.equals("if") ? tested : null;
                alternatives(statement, List.of(then, otherwise), tree, frame.applies);
                open.push(otherwise);
                open.push(then);
            } else if (("case".equals(name) || "cond".equals(name)) && block != null) {
                List<Node> arguments = ElixirSyntax.arguments(statement);
                if (!arguments.isEmpty()) {
                    scanner.scan(new EnvReadScanner.Site(file, statement, phase, false, frame.prodOnly),
                            arguments.get(0), frame.applies);
                }
                boolean byEnv = "case".equals(name) && arguments.size() == 1
                        && EnvCondition.isEnvExpression(tree, arguments.get(0));
                int envElement = "case".equals(name) && arguments.size() == 1 ? envElement(tree, arguments.get(0)) : -1;
                List<Frame> clauses = clauses(tree, statement, block, "cond".equals(name), byEnv, envElement, frame);
                for (int i = clauses.size() - 1; i >= 0; i--) {
                    open.push(clauses.get(i));
                }
            } else if ("try".equals(name) && block != null) {
                // The body runs until something raises, and then a rescue clause runs instead: whether any
                // call inside took effect is unknown.
                open.push(new Frame(ElixirSyntax.blockStatements(block, false), frame.applies.and(Truth.UNKNOWN),
                        false, frame.prodOnly));
            } else if (required != null) {
                walkFile(required, phase, frame.applies, frame.prodOnly, depth + 1);
            } else if (loopImports != null) {
                for (DocumentSnapshot imported : loopImports) {
                    walkFile(imported, phase, frame.applies, frame.prodOnly, depth + 1);
                }
            } else if (called != null && depth < MAX_IMPORT_DEPTH) {
                // `LiveSup.config_runtime()`: the project's function writes the config where it is called.
                if (visitingFunctions.add(called.function().definition())) {
                    DocumentSnapshot defining = called.module().file();
                    files.put(defining.path(), defining);
                    walk(defining, phase, new Frame(called.function().body(), frame.applies, frame.topLevel,
                            frame.prodOnly), new Aliases(null), depth + 1);
                    visitingFunctions.remove(called.function().definition());
                }
            } else {
                if ("config".equals(name)) {
                    addConfig(file, statement, frame.applies, phase, visibleBindings(open), aliases);
                    if (frame.alternative != null && !calls.isEmpty() && calls.get(calls.size() - 1).call() == statement) {
                        alternatives.put(calls.get(calls.size() - 1), frame.alternative);
                    }
                } else {
                    List<Node> unfollowed = UnfollowedConfig.calls(tree, statement);
                    if (!unfollowed.isEmpty()) {
                        UnfollowedConfig.Reach reach = UnfollowedConfig.reach(tree, statement, unfollowed,
                                visibleBindings(open), aliases);
                        unseenConfig.add(new ConfigTimeline.UnseenConfig(file, statement, null, reach.apps(),
                                reach.subjects(), frame.applies, phase, calls.size()));
                    }
                    bind(tree, statement, frame);
                    aliases.read(tree, statement);
                }
                scanner.scan(site, statement, frame.applies);
            }
        }
    }

    /** The module a statement calls a function of ({@code LiveSup} of {@code LiveSup.config_runtime()}), or null. */
    private static String calledModule(SyntaxTree tree, Node statement) {
        Node target = statement.is("call") ? statement.child("target") : null;
        Node left = target != null && target.is("dot") ? target.child("left") : null;
        Node right = target != null && target.is("dot") ? target.child("right") : null;
        return left != null && left.is("alias") && right != null && right.is("identifier") ? tree.text(left) : null;
    }

    /**
     * The function of the project a statement calls to write config ({@code LiveSup.config_runtime()}, defined in a
     * module of lib/ that imports Config and calls {@code config} itself), or null: one clause of that name and arity.
     */
    private ConfigFunction configFunction(SyntaxTree tree, Node statement) {
        String name = calledModule(tree, statement);
        String first = name == null ? null : name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (name == null || NOT_THE_PROJECTS.contains(first)) {
            return null;
        }
        ModuleIndex.Module module = project.modules().find(name);
        if (module == null || !module.tree().text(module.node()).contains("import Config")) {
            return null;
        }
        Node right = statement.child("target").child("right");
        List<ModuleIndex.Function> clauses = module.clauses(tree.text(right), ElixirSyntax.arguments(statement).size());
        return clauses.size() == 1 ? new ConfigFunction(module, clauses.get(0)) : null;
    }

    /** A function of the project that writes config, and the module that defines it. */
    private record ConfigFunction(ModuleIndex.Module module, ModuleIndex.Function function) {
    }

    /**
     * The config file a condition tests the existence of ({@code File.exists?(env_file)}, {@code File.regular?(…)}),
     * resolved as {@code import_config} resolves it; null for any other condition.
     */
    private Path existenceTested(DocumentSnapshot file, Node condition, ArrayDeque<Frame> open) {
        SyntaxTree tree = file.tree();
        if (!ElixirSyntax.isRemoteCall(tree, condition, "File", "exists?")
                && !ElixirSyntax.isRemoteCall(tree, condition, "File", "regular?")) {
            return null; // the bindings in scope are gathered only for a condition that needs them
        }
        List<Node> arguments = ElixirSyntax.arguments(condition);
        String name = arguments.size() == 1
                ? ConfigImports.pathName(tree, arguments.get(0), env, visibleBindings(open), 0) : null;
        return name == null ? null : file.path().resolveSibling(name).normalize();
    }

    /** A branch of an {@code if}/{@code unless}, from its do block or its keywords ({@code if c, do: config(…)}). */
    private static List<Node> branch(SyntaxTree tree, Node statement, Node block, boolean elseBranch) {
        return block != null ? ElixirSyntax.blockStatements(block, elseBranch)
                : ElixirSyntax.keywordBranch(tree, statement, elseBranch);
    }

    /**
     * The clauses of a {@code case} or {@code cond} block, each a frame that applies when it runs: a clause runs when
     * no clause before it did and its own pattern or condition holds. A {@code case config_env()} (or
     * {@code Mix.env()}) clause holds when its atoms name the environment, a catch-all always; a {@code cond}
     * clause when its condition is true in the environment; anything else may or may not hold.
     */
    private List<Frame> clauses(SyntaxTree tree, Node statement, Node doBlock, boolean cond, boolean byEnv,
                                int envElement, Frame frame) {
        List<Frame> clauses = new ArrayList<>();
        Truth earlierRan = Truth.FALSE;
        boolean catchAllLast = false;
        for (Node clause : doBlock.namedChildren()) {
            if (!clause.is("stab_clause")) {
                continue;
            }
            Node left = clause.child("left");
            List<Node> patterns = left == null ? List.of() : left.namedChildren();
            Truth holds = Truth.UNKNOWN;
            boolean onlyProd = false;
            if (cond && patterns.size() == 1) {
                holds = EnvCondition.evaluate(tree, patterns.get(0), env);
                onlyProd = onlyInProd(tree, patterns.get(0), false);
            } else if (byEnv && !patterns.isEmpty()) {
                boolean allAtoms = patterns.stream().allMatch(pattern -> ElixirSyntax.atomName(tree, pattern) != null);
                boolean catchAll = patterns.size() == 1 && (patterns.get(0).is("identifier"));
                holds = allAtoms ? Truth.of(patterns.stream().anyMatch(p -> env.equals(ElixirSyntax.atomName(tree, p))))
                        : catchAll ? Truth.TRUE : Truth.UNKNOWN;
                onlyProd = allAtoms && patterns.stream().allMatch(p -> "prod".equals(ElixirSyntax.atomName(tree, p)));
            } else if (envElement >= 0 && patterns.size() == 1) {
                holds = tupleClauseHolds(tree, patterns.get(0), envElement);
                onlyProd = "prod".equals(ElixirSyntax.atomName(tree, element(patterns.get(0), envElement)));
            }
            Truth runs = earlierRan.not().and(holds);
            earlierRan = earlierRan.or(holds);
            Node right = clause.child("right");
            List<Node> body = right == null ? List.of() : right.is("body") ? right.namedChildren() : List.of(right);
            clauses.add(new Frame(body, frame.applies.and(runs), false, frame.prodOnly || onlyProd));
            catchAllLast = patterns.size() == 1 && (cond ? tree.text(patterns.get(0)).equals("true")
                    : patterns.get(0).is("identifier"));
        }
        if (catchAllLast) {
            // One clause or another runs: a key every clause sets is set, whichever it is.
            alternatives(statement, clauses, tree, frame.applies);
        }
        return clauses;
    }

    /**
     * Where a case's subject, a tuple, holds the environment ({@code case {length(missing), config_env()} do}), or -1.
     */
    private static int envElement(SyntaxTree tree, Node subject) {
        if (!subject.is("tuple")) {
            return -1;
        }
        List<Node> elements = subject.namedChildren();
        for (int i = 0; i < elements.size(); i++) {
            if (EnvCondition.isEnvExpression(tree, elements.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a clause of a case over a tuple that holds the environment at {@code envElement} matches: never when
     * that element is another environment's atom ({@code {4, :dev} ->} in prod); surely when every element is a
     * variable; else maybe.
     */
    private Truth tupleClauseHolds(SyntaxTree tree, Node pattern, int envElement) {
        Node atEnv = element(pattern, envElement);
        if (atEnv == null) {
            return Truth.UNKNOWN;
        }
        String atom = ElixirSyntax.atomName(tree, atEnv);
        if (atom != null && !atom.equals(env)) {
            return Truth.FALSE;
        }
        boolean catchAll = pattern.namedChildren().stream().allMatch(part -> part.is("identifier"));
        return catchAll ? Truth.TRUE : Truth.UNKNOWN;
    }

    /** The element at {@code index} of a tuple pattern, or null for any other pattern. */
    private static Node element(Node pattern, int index) {
        List<Node> elements = pattern.is("tuple") ? pattern.namedChildren() : List.of();
        return index < elements.size() ? elements.get(index) : null;
    }

    /**
     * Marks the branches of a statement of which one or another runs as its alternatives. A branch that raises
     * (`else raise "Missing Stripe credentials"`) stops the config, so a key every other branch sets is set wherever
     * the config goes on: it is no alternative, and the others are counted without it.
     */
    private static void alternatives(Node statement, List<Frame> branches, SyntaxTree tree, Truth applies) {
        List<Frame> continuing = branches.stream().filter(branch -> !raises(tree, branch.statements)).toList();
        if (continuing.isEmpty()) {
            return;
        }
        for (int i = 0; i < continuing.size(); i++) {
            continuing.get(i).alternative = new ConfigTimeline.Alternative(statement, i, continuing.size(), applies);
        }
    }

    /** Whether a branch's own statements include a {@code raise}: the config evaluation stops there. */
    private static boolean raises(SyntaxTree tree, List<Node> statements) {
        return statements.stream().anyMatch(statement -> statement.is("call")
                && "raise".equals(ElixirSyntax.localCallName(tree, statement)));
    }

    /** {@code name = expression}: later statements of the block (and blocks inside it) see the expression. */
    private static void bind(SyntaxTree tree, Node statement, Frame frame) {
        Node operator = statement.is("binary_operator") ? statement.child("operator") : null;
        Node left = statement.child("left");
        Node right = statement.child("right");
        if (operator != null && tree.text(operator).equals("=") && left != null && left.is("identifier")
                && right != null) {
            frame.bindings.put(tree.text(left), right);
        }
    }

    /** The bindings in scope: inner blocks shadow outer ones. */
    private static Map<String, Node> visibleBindings(ArrayDeque<Frame> open) {
        Map<String, Node> visible = new HashMap<>();
        for (Iterator<Frame> outerFirst = open.descendingIterator(); outerFirst.hasNext(); ) {
            visible.putAll(outerFirst.next().bindings);
        }
        return visible;
    }

    /** Whether a condition (negated when {@code negate}) holds in prod and in neither dev nor test. */
    private static boolean onlyInProd(SyntaxTree tree, Node condition, boolean negate) {
        Truth prod = EnvCondition.evaluate(tree, condition, "prod");
        Truth dev = EnvCondition.evaluate(tree, condition, "dev");
        Truth test = EnvCondition.evaluate(tree, condition, "test");
        if (negate) {
            prod = prod.not();
            dev = dev.not();
            test = test.not();
        }
        return prod == Truth.TRUE && dev == Truth.FALSE && test == Truth.FALSE;
    }

    private static boolean isProdFileName(DocumentSnapshot file) {
        String name = file.path().getFileName().toString();
        return name.equals("prod.exs") || name.startsWith("prod.") && name.endsWith(".exs");
    }

    /**
     * The pairs of {@code base ++ [key: value]}, where {@code base} is a variable bound to a keyword list: the bound
     * pairs, then the appended ones (a later key wins in config, as in the list). Null for anything else.
     */
    private static List<Node> appendedOptions(SyntaxTree tree, Node node, Map<String, Node> bindings) {
        Node operator = node.is("binary_operator") ? node.child("operator") : null;
        Node left = node.child("left");
        Node right = node.child("right");
        if (operator == null || !tree.text(operator).equals("++") || left == null || !left.is("identifier")
                || right == null || !right.is("list")) {
            return null;
        }
        Node bound = bindings.get(tree.text(left));
        List<Node> base = bound == null ? List.of() : ElixirSyntax.pairsOf(bound);
        List<Node> added = ElixirSyntax.pairsOf(right);
        if (base.isEmpty() || added.isEmpty()) {
            return null;
        }
        List<Node> pairs = new ArrayList<>(base);
        pairs.addAll(added);
        return pairs;
    }

    /** The app a {@code config} call names: an atom, or a variable bound to one; null for anything else. */
    static String appName(SyntaxTree tree, Node argument, Map<String, Node> bindings) {
        String app = ElixirSyntax.atomName(tree, argument);
        Node bound = app == null && argument.is("identifier") ? bindings.get(tree.text(argument)) : null;
        return bound != null ? ElixirSyntax.atomName(tree, bound) : app;
    }

    /** Adds a {@code config} call; its subject written through an alias of the file is the module it names. */
    private void addConfig(DocumentSnapshot file, Node call, Truth applies, ConfigPhase phase,
                           Map<String, Node> bindings, Aliases aliases) {
        SyntaxTree tree = file.tree();
        List<Node> arguments = ElixirSyntax.arguments(call);
        if (arguments.isEmpty()) {
            return;
        }
        String app = appName(tree, arguments.get(0), bindings);
        if (app == null) {
            // config app, opts with an app the walk cannot name may set any key of any app
            unseenConfig.add(new ConfigTimeline.UnseenConfig(file, call, null, null, null, applies, phase,
                    calls.size()));
            return;
        }
        Node last = arguments.get(arguments.size() - 1);
        List<Node> appended = arguments.size() == 2 ? appendedOptions(tree, last, bindings) : null;
        if (appended != null) {
            // config :app, base ++ [https: …]: the keyword list a variable holds, then the pairs added to it
            calls.add(new ConfigCall(file, call, app, null, appended, applies, phase, bindings));
            return;
        }
        Node bound = last.is("identifier") ? bindings.get(tree.text(last)) : null;
        boolean boundOptions = bound != null && !ElixirSyntax.pairsOf(bound).isEmpty();
        String subject = null;
        // config :app, settings: a variable holding the app's keyword list (config/2), built some way not followed here.
        boolean listOfVariable = arguments.size() == 2 && last.is("identifier");
        if (arguments.size() >= 3 || arguments.size() == 2 && !last.is("keywords") && !boundOptions && !listOfVariable) {
            Node second = arguments.get(1);
            subject = second.is("atom") ? ElixirSyntax.atomName(tree, second)
                    : second.is("alias") ? aliases.resolve(tree.text(second)) : tree.text(second);
        }
        // config :app, Endpoint, endpoint_config: the keyword list the variable holds.
        List<Node> pairs = boundOptions && arguments.size() != 1 ? ElixirSyntax.pairsOf(bound) : ElixirSyntax.keywordPairs(call);
        calls.add(new ConfigCall(file, call, app, subject, pairs, applies, phase, bindings));
    }
}
