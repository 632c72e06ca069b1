package dev.gotchals.elixir;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.PositionEncoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modules defined in a set of Elixir files, by name: each module's aliases, imports, {@code use}s, module
 * attributes and function clauses. Nested modules are indexed under their full name.
 */
public final class ModuleIndex {
    private final Map<String, Module> modules = new LinkedHashMap<>();

    private ModuleIndex() {
    }

    public static ModuleIndex of(List<DocumentSnapshot> files) {
        ModuleIndex index = new ModuleIndex();
        for (DocumentSnapshot file : files) {
            if (file.isParsed()) {
                for (Node statement : file.tree().statements()) {
                    Deadline.check();
                    index.readModule(file, statement, null);
                }
            }
        }
        return index;
    }

    /** The module of that full name, or null when the files do not define it. */
    public Module find(String name) {
        return name == null ? null : modules.get(name);
    }

    public List<Module> all() {
        return List.copyOf(modules.values());
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
        for (Module module : modules.values()) {
            if (module.mentions("Ecto.Migrator")) {
                callers.add(module);
            }
        }
        return callers;
    }

    private void readModule(DocumentSnapshot file, Node node, String outer) {
        SyntaxTree tree = file.tree();
        if (!"defmodule".equals(ElixirSyntax.localCallName(tree, node))) {
            return;
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        if (arguments.isEmpty() || !arguments.get(0).is("alias")) {
            return;
        }
        String name = (outer == null ? "" : outer + ".") + tree.text(arguments.get(0));
        Module module = new Module(name, file, node);
        modules.putIfAbsent(name, module);
        for (Node statement : module.body()) {
            String call = ElixirSyntax.localCallName(tree, statement);
            if (call == null) {
                if (statement.is("unary_operator")) {
                    module.readAttribute(statement);
                }
                continue;
            }
            switch (call) {
                case "defmodule" -> readModule(file, statement, name);
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
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final List<String> imports = new ArrayList<>();
        private final List<Node> uses = new ArrayList<>();
        private final Map<String, Node> attributes = new LinkedHashMap<>();
        private final Map<String, List<Function>> functions = new LinkedHashMap<>();

        Module(String name, DocumentSnapshot file, Node node) {
            this.name = name;
            this.file = file;
            this.node = node;
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

        /** The full name an alias written in this module stands for ({@code Repo} → {@code Shop.Repo}). */
        public String resolve(String written) {
            if (written.equals("__MODULE__")) {
                return name;
            }
            if (written.startsWith("__MODULE__.")) {
                return name + written.substring("__MODULE__".length());
            }
            int dot = written.indexOf('.');
            String first = dot < 0 ? written : written.substring(0, dot);
            String full = aliases.get(first);
            return full == null ? written : full + (dot < 0 ? "" : written.substring(dot));
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
        boolean mentions(String module) {
            boolean[] found = {false};
            node.forEachDescendant(child -> {
                if (!found[0] && child.is("alias")) {
                    String full = resolve(tree().text(child));
                    found[0] = full.equals(module) || full.startsWith(module + ".");
                }
            });
            return found[0];
        }

        private void readAlias(Node statement) {
            SyntaxTree tree = tree();
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (arguments.isEmpty()) {
                return;
            }
            Node target = arguments.get(0);
            if (target.is("alias")) {
                String full = resolve(tree.text(target));
                String as = full.substring(full.lastIndexOf('.') + 1);
                for (Node pair : ElixirSyntax.keywordPairs(statement)) {
                    Node value = pair.child("value");
                    if ("as".equals(ElixirSyntax.keywordName(tree, pair)) && value != null && value.is("alias")) {
                        as = tree.text(value);
                    }
                }
                aliases.put(as, full);
            } else if (target.is("dot") && target.child("left") != null && target.child("right") != null
                    && target.child("right").is("tuple")) {
                // alias Shop.{Repo, Accounts}
                String base = resolve(tree.text(target.child("left")));
                for (Node item : target.child("right").namedChildren()) {
                    if (item.is("alias")) {
                        String text = tree.text(item);
                        aliases.put(text.substring(text.lastIndexOf('.') + 1), base + "." + text);
                    }
                }
            }
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

        /** The value it returns when its body is one expression or ends with one: the last statement, or null. */
        public Node lastExpression() {
            return body.isEmpty() ? null : body.get(body.size() - 1);
        }
    }
}
