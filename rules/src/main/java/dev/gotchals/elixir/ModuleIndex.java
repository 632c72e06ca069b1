package dev.gotchals.elixir;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.PositionEncoding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The modules defined in a set of Elixir files, by name: each module's aliases, imports, {@code use}s, module
 * attributes and function clauses. Nested modules are indexed under their full name; when two files define the
 * same name, the first file's module is the one indexed.
 *
 * <p>A file is parsed only when a question needs its modules: {@link #find} parses the files whose text may define
 * the name ({@link DefinedNames}), {@link #inFilesWhere} those whose text has what the question looks for. Most
 * files of a large project are never parsed; {@link #all} parses every one.
 */
public final class ModuleIndex {
    private final List<DocumentSnapshot> files;
    private final List<DefinedNames> definedNames = new ArrayList<>();
    /** The files that may define a name, by the name's last segment; files that may define any name are in each. */
    private final Map<String, List<Integer>> filesByLastSegment = new HashMap<>();
    private final List<Integer> filesDefiningAnyName = new ArrayList<>();
    /** Each file's modules (those a duplicate name hides too), in the order the file defines them; null until read. */
    private final List<List<Module>> modulesByFile = new ArrayList<>();
    /** What {@link #find} answered, absent modules included. */
    private final Map<String, Module> found = new HashMap<>();

    private ModuleIndex(List<DocumentSnapshot> files) {
        this.files = List.copyOf(files);
        for (int i = 0; i < this.files.size(); i++) {
            DocumentSnapshot file = this.files.get(i);
            DefinedNames names = file.isParsed() ? DefinedNames.scan(file.text().text()) : DefinedNames.NONE;
            definedNames.add(names);
            modulesByFile.add(null);
            for (String segment : names.lastSegments()) {
                filesByLastSegment.computeIfAbsent(segment, key -> new ArrayList<>()).add(i);
            }
            if (names.mayDefineAnyName()) {
                filesDefiningAnyName.add(i);
            }
        }
    }

    public static ModuleIndex of(List<DocumentSnapshot> files) {
        return new ModuleIndex(files);
    }

    /** The module of that full name, or null when the files do not define it. */
    public synchronized Module find(String name) {
        if (name == null) {
            return null;
        }
        if (!found.containsKey(name)) {
            found.put(name, firstDefinition(name));
        }
        return found.get(name);
    }

    private Module firstDefinition(String name) {
        Set<Integer> candidates = new TreeSet<>(filesDefiningAnyName);
        candidates.addAll(filesByLastSegment.getOrDefault(DefinedNames.lastSegment(name), List.of()));
        for (int file : candidates) {
            if (definedNames.get(file).mayDefine(name)) {
                for (Module module : modulesOf(file)) {
                    if (module.name().equals(name)) {
                        return module;
                    }
                }
            }
        }
        return null;
    }

    /** Every module, in the order the files define them. Parses every file: ask {@link #inFilesWhere} when you can. */
    public synchronized List<Module> all() {
        return inFilesWhere(text -> true);
    }

    /**
     * The modules of the files whose text passes {@code mayHold}, in the order {@link #all} gives them: the modules
     * {@link #all} would give of which the question can only hold when their file's text passes. {@code mayHold}
     * must pass every text that could hold what the question looks for (a word it needs, say), and a module of the
     * index and its file's text are all that question reads: then only the files that pass are parsed.
     */
    public synchronized List<Module> inFilesWhere(Predicate<String> mayHold) {
        List<Module> modules = new ArrayList<>();
        for (int file = 0; file < files.size(); file++) {
            if (definedNames.get(file).none() || !mayHold.test(files.get(file).text().text())) {
                continue;
            }
            for (Module module : modulesOf(file)) {
                if (find(module.name()) == module) {
                    modules.add(module);
                }
            }
        }
        return List.copyOf(modules);
    }

    /** The modules of the files whose text has {@code word}, as {@link #inFilesWhere} gives them. */
    public List<Module> inFilesMentioning(String word) {
        return inFilesWhere(text -> text.contains(word));
    }

    /** Whether the files define no module. */
    public synchronized boolean isEmpty() {
        for (int file = 0; file < files.size(); file++) {
            if (!definedNames.get(file).none() && !modulesOf(file).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The modules a file defines, read (and the file parsed) on first demand. */
    private List<Module> modulesOf(int file) {
        List<Module> modules = modulesByFile.get(file);
        if (modules == null) {
            DocumentSnapshot snapshot = files.get(file);
            List<Module> read = new ArrayList<>();
            for (Node statement : snapshot.tree().statements()) {
                Deadline.check();
                readModule(snapshot, statement, null, read);
            }
            modules = List.copyOf(read);
            modulesByFile.set(file, modules);
        }
        return modules;
    }

    /**
     * Whether an {@code init/2} callback of {@code module} may put another value of {@code key} in the config it is
     * given ({@link Module#mayPutAtInit}), itself or through a module of the project it hands that config to:
     * {@code {:ok, Shop.EnvConfig.override(System.get_env(), config)}} where Shop.EnvConfig names the key.
     */
    public boolean mayPutAtInit(Module module, String key) {
        if (module.mayPutAtInit(key)) {
            return true;
        }
        SyntaxTree tree = module.tree();
        for (Function clause : module.clauses("init", 2)) {
            Node config = clause.params().size() == 2 ? clause.params().get(1) : null;
            if (config == null || !config.is("identifier")) {
                continue;
            }
            String name = tree.text(config);
            boolean[] handed = {false};
            for (Node run : clause.runs()) {
                run.forEachDescendant(node -> {
                    Node target = handed[0] || !node.is("call") ? null : node.child("target");
                    Node left = target != null && target.is("dot") ? target.child("left") : null;
                    if (left != null && left.is("alias") && ElixirSyntax.arguments(node).stream()
                            .anyMatch(argument -> argument.is("identifier") && tree.text(argument).equals(name))) {
                        Module other = find(module.resolve(tree.text(left)));
                        handed[0] = other != null && other != module && other.namesKey(key);
                    }
                });
            }
            if (handed[0]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether module {@code module} defines a public function {@code function} of that arity (any arity when
     * negative): what {@code bin/app eval "Shop.Release.migrate"} needs to find.
     */
    public boolean definesPublic(String module, String function, int arity) {
        Module found = find(module);
        if (found == null) {
            return false;
        }
        for (Function clause : found.clauses(function)) {
            int all = clause.params().size();
            int required = all - (int) clause.params().stream().filter(ModuleIndex::hasDefault).count();
            if (!clause.isPrivate() && (arity < 0 || arity >= required && arity <= all)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a parameter has a default ({@code opts \\ []}), so callers may leave it out. */
    public static boolean hasDefault(Node param) {
        Node operator = param.is("binary_operator") ? param.child("operator") : null;
        return operator != null && "\\\\".equals(operator.type());
    }

    /** The modules whose code names {@code Ecto.Migrator} (directly or through an alias): the migration runners. */
    public List<Module> migratorCallers() {
        List<Module> callers = new ArrayList<>();
        // However it is aliased, the name's last segment is written in the file.
        for (Module module : inFilesMentioning("Migrator")) {
            if (module.mentions("Ecto.Migrator")) {
                callers.add(module);
            }
        }
        return callers;
    }

    private static void readModule(DocumentSnapshot file, Node node, String outer, List<Module> read) {
        SyntaxTree tree = file.tree();
        if (!"defmodule".equals(ElixirSyntax.localCallName(tree, node))) {
            return;
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        if (arguments.isEmpty() || !arguments.get(0).is("alias") && !arguments.get(0).is("atom")) {
            return;
        }
        // An Erlang-style name (`defmodule :shop_tasks`) is whole, nested or not.
        String name = arguments.get(0).is("atom") ? tree.text(arguments.get(0))
                : (outer == null ? "" : outer + ".") + tree.text(arguments.get(0));
        Module module = new Module(name, file, node);
        read.add(module);
        for (Node statement : module.body()) {
            String call = ElixirSyntax.localCallName(tree, statement);
            if (call == null) {
                if (statement.is("unary_operator")) {
                    module.readAttribute(statement);
                }
                continue;
            }
            switch (call) {
                case "defmodule" -> readModule(file, statement, name, read);
                case "alias" -> module.readAlias(statement);
                case "import" -> {
                    List<Node> imported = ElixirSyntax.arguments(statement);
                    if (!imported.isEmpty() && imported.get(0).is("alias")) {
                        module.imports.add(module.resolve(tree.text(imported.get(0))));
                    }
                }
                case "use" -> module.uses.add(statement);
                case "def", "defp" -> {
                    Function function = Function.read(tree, statement);
                    if (function != null) {
                        module.functions.computeIfAbsent(function.name(), n -> new ArrayList<>()).add(function);
                    }
                }
                default -> {
                }
            }
        }
    }

    /** One {@code defmodule}. */
    public static final class Module {
        private final String name;
        private final DocumentSnapshot file;
        private final Node node;
        private final Aliases aliases;
        private final List<String> imports = new ArrayList<>();
        private final List<Node> uses = new ArrayList<>();
        private final Map<String, Node> attributes = new LinkedHashMap<>();
        private final Map<String, List<Function>> functions = new LinkedHashMap<>();

        Module(String name, DocumentSnapshot file, Node node) {
            this.name = name;
            this.file = file;
            this.node = node;
            this.aliases = new Aliases(name);
        }

        public String name() {
            return name;
        }

        /** The last segment of the name ({@code ShopWeb.HealthController} → "HealthController"). */
        public String shortName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        public DocumentSnapshot file() {
            return file;
        }

        public SyntaxTree tree() {
            return file.tree();
        }

        /** The {@code defmodule} call. */
        public Node node() {
            return node;
        }

        /** The statements of the module body. */
        public List<Node> body() {
            return ElixirSyntax.blockStatements(ElixirSyntax.doBlock(node), false);
        }

        /** The modules imported at the top of the module body, by full name. */
        public List<String> imports() {
            return List.copyOf(imports);
        }

        /** The value of a module attribute set at the top of the body ({@code @app :shop}; the last one), or null. */
        public Node attribute(String attribute) {
            return attributes.get(attribute);
        }

        /** The names of the functions the module defines, public and private. */
        public List<String> functionNames() {
            return List.copyOf(functions.keySet());
        }

        /** The clauses of a function, any arity; empty when the module defines none by that name. */
        public List<Function> clauses(String function) {
            return functions.getOrDefault(function, List.of());
        }

        /** The clauses of a function with the given arity. */
        public List<Function> clauses(String function, int arity) {
            List<Function> result = new ArrayList<>();
            for (Function clause : clauses(function)) {
                if (clause.params().size() == arity) {
                    result.add(clause);
                }
            }
            return result;
        }

        /**
         * Whether an {@code init/2} callback of the module may put another value of {@code key} in the config it is
         * given: it defines the callback, and the module names the key ({@code :key}, {@code key:}). Phoenix
         * endpoints and Ecto repos hand their config to {@code init/2} when they start, so what config ends with for
         * that key is then not what production runs with.
         */
        public boolean mayPutAtInit(String key) {
            return !clauses("init", 2).isEmpty() && namesKey(key);
        }

        /** Whether the module's code names the key ({@code :key}, {@code key:}). */
        boolean namesKey(String key) {
            Pattern named = Pattern.compile("(?<![\\w:]):" + Pattern.quote(key) + "\\b|(?<![\\w:])" + Pattern.quote(key) + ":(?!:)");
            return named.matcher(tree().text(node())).find();
        }

        /** The full name an alias written in this module stands for ({@code Repo} → {@code Shop.Repo}). */
        public String resolve(String written) {
            return aliases.resolve(written);
        }

        /** Whether a {@code use} line names the module or option ({@code use Phoenix.Router}, {@code use X, :router}). */
        public boolean uses(String module, String option) {
            return use(module, option) != null;
        }

        /** The first {@code use} line that names the module or option, or null. */
        public Node use(String module, String option) {
            SyntaxTree tree = tree();
            for (Node use : uses) {
                List<Node> arguments = ElixirSyntax.arguments(use);
                if (arguments.isEmpty()) {
                    continue;
                }
                if (module != null && module.equals(tree.text(arguments.get(0)))) {
                    return use;
                }
                if (option != null && arguments.size() >= 2
                        && option.equals(ElixirSyntax.atomName(tree, arguments.get(1)))) {
                    return use;
                }
            }
            return null;
        }

        /** Whether Plug.Conn's functions can be called unqualified here. */
        public boolean importsPlugConn() {
            return imports.contains("Plug.Conn") || !uses.isEmpty();
        }

        /** 1-based line of a node of this module's file. */
        public int line(Node node) {
            return file.text().positionAt(tree().startOffset(node), PositionEncoding.UTF16).line() + 1;
        }

        /** Whether the module's code names a module, written in full or through one of its aliases. */
        public boolean mentions(String module) {
            return namesModule(full -> full.equals(module) || full.startsWith(module + "."));
        }

        /** Whether the module's code names a module, resolved through its aliases, that the test accepts. */
        public boolean namesModule(Predicate<String> test) {
            boolean[] found = {false};
            node.forEachDescendant(child -> {
                if (!found[0] && child.is("alias")) {
                    found[0] = test.test(resolve(tree().text(child)));
                }
            });
            return found[0];
        }

        private void readAlias(Node statement) {
            aliases.read(tree(), statement);
        }

        private void readAttribute(Node statement) {
            // @name value
            Node operand = statement.child("operand");
            String attribute = ElixirSyntax.localCallName(tree(), operand);
            if (attribute != null && tree().text(statement).startsWith("@")) {
                List<Node> values = ElixirSyntax.arguments(operand);
                if (values.size() == 1) {
                    attributes.put(attribute, values.get(0));
                }
            }
        }
    }

    /**
     * One clause of a {@code def}/{@code defp}.
     *
     * @param definition the whole {@code def …} call
     * @param head       the {@code name(params)} call, or the identifier of a parameterless head
     * @param guarded    whether the head has a {@code when} guard
     * @param body       the statements of its {@code do} block, or the {@code do:} value alone
     * @param keywordDo  whether it is written {@code def f(x), do: …}
     */
    public record Function(String name, boolean isPrivate, Node definition, Node head, List<Node> params,
                           boolean guarded, List<Node> body, boolean keywordDo) {
        static Function read(SyntaxTree tree, Node definition) {
            List<Node> arguments = ElixirSyntax.arguments(definition);
            if (arguments.isEmpty()) {
                return null;
            }
            Node head = arguments.get(0);
            boolean guarded = false;
            Node operator = head.is("binary_operator") ? head.child("operator") : null;
            if (operator != null && "when".equals(tree.text(operator)) && head.child("left") != null) {
                head = head.child("left");
                guarded = true;
            }
            String name;
            List<Node> params;
            if (head.is("call") && head.child("target") != null && head.child("target").is("identifier")) {
                name = tree.text(head.child("target"));
                params = ElixirSyntax.arguments(head);
            } else if (head.is("identifier")) {
                name = tree.text(head);
                params = List.of();
            } else {
                return null;
            }
            Node doBlock = ElixirSyntax.doBlock(definition);
            List<Node> body;
            boolean keywordDo = false;
            if (doBlock != null) {
                body = ElixirSyntax.blockStatements(doBlock, false);
            } else {
                body = List.of();
                for (Node pair : ElixirSyntax.keywordPairs(definition)) {
                    if ("do".equals(ElixirSyntax.keywordName(tree, pair)) && pair.child("value") != null) {
                        body = List.of(pair.child("value"));
                        keywordDo = true;
                    }
                }
            }
            String keyword = ElixirSyntax.localCallName(tree, definition);
            return new Function(name, "defp".equals(keyword), definition, head, params, guarded, body, keywordDo);
        }

        /** What the clause runs: its do block (with rescue/else parts) or its {@code do:} value; not its head. */
        public List<Node> runs() {
            Node doBlock = ElixirSyntax.doBlock(definition);
            return doBlock != null ? List.of(doBlock) : body;
        }

        /**
         * The value it returns when its body is one expression or ends with one: the last statement, comments after
         * it left out ({@code {:credo, "~> 1.0"}] # Static code analysis} ends a deps list), or null.
         */
        public Node lastExpression() {
            for (int i = body.size() - 1; i >= 0; i--) {
                if (!body.get(i).is("comment")) {
                    return body.get(i);
                }
            }
            return null;
        }
    }
}
