package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An environment read in config evaluated for one environment: an environment variable ({@code System.get_env/1,2},
 * {@code System.fetch_env/1}, {@code System.fetch_env!/1}, also through {@code import System} or an alias), or
 * application config ({@code Application.get_env/2,3}, {@code fetch_env/2}, {@code fetch_env!/2}), which in a config
 * file runs before the config being written is loaded.
 *
 * @param file      the config file it is written in
 * @param call      the read itself
 * @param statement the statement of its block that holds it (a {@code config} call, a binding, an {@code if})
 * @param variable  the environment variable's name when it is a literal, else null (always for application config)
 * @param phase     whether it runs while the release is built or when it boots
 * @param topLevel  whether {@code statement} is a top-level statement of the file, outside any condition
 * @param prodOnly  whether it runs for prod only: its file is imported for prod ({@code prod.exs},
 *                  {@code "#{config_env()}.exs"}) or a condition that holds only in prod encloses it
 * @param applies   whether it runs in the environment the timeline was built for
 */
public record EnvRead(DocumentSnapshot file, Node call, Node statement, String variable, ConfigPhase phase,
                      boolean topLevel, boolean prodOnly, Truth applies) {
    /** Comparisons and negations that turn a read into a yes or no. */
    private static final Set<String> TESTS = Set.of("==", "!=", "===", "!==", "in", "not in", "!", "not");
    /**
     * String functions that only change how a value is written ({@code String.to_atom(String.downcase(…))}): a read
     * passed through them and then tested still only decides.
     */
    private static final Set<String> SPELLINGS = Set.of("downcase", "upcase", "trim", "to_atom", "to_existing_atom");
    /** Operators of constant arithmetic, whose result is as fixed as a literal's. */
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/");

    /** Whether it reads application config rather than an environment variable. */
    public boolean readsAppConfig() {
        return EnvCalls.isApplicationRead(file.tree(), call);
    }

    /**
     * The {@code case} whose subject is the value read ({@code case System.get_env("OAUTH_PROVIDER") do}), or null:
     * the read chooses which of its branches' config runs.
     */
    public Node caseOnValue() {
        List<Node> path = statement.pathDownTo(call);
        int at = path.size() - 1;
        if (at < 2) {
            return null;
        }
        Node arguments = path.get(at - 1);
        boolean subject = arguments.is("arguments") && !arguments.namedChildren().isEmpty()
                && arguments.namedChildren().get(0) == call;
        return subject && "case".equals(ElixirSyntax.localCallName(file.tree(), path.get(at - 2))) ? path.get(at - 2) : null;
    }

    /**
     * Whether the value read only decides a yes or no: the condition of an {@code if} or {@code unless}
     * ({@code if System.get_env("HEROKU"), do: …}), or a comparison that yields a boolean
     * ({@code ssl: System.get_env("DB_SSL") == "true"}), also after String functions that only respell it
     * ({@code if String.to_atom(String.downcase(System.get_env("USE_SSL", "FALSE")))}). Such a read is a switch
     * rather than a value passed on.
     */
    public boolean onlyDecides() {
        SyntaxTree tree = file.tree();
        List<Node> path = statement.pathDownTo(call);
        int at = path.size() - 1;
        if (at < 0) {
            return false;
        }
        Node tested = call;
        boolean compared = false;
        for (int i = at - 1; i >= 0; i--) {
            Node parent = path.get(i);
            Node operator = parent.child("operator");
            if ((parent.is("binary_operator") || parent.is("unary_operator")) && operator != null
                    && TESTS.contains(tree.text(operator))) {
                tested = parent;
                compared = true;
                continue;
            }
            if (parent.is("arguments") && i > 0 && !parent.namedChildren().isEmpty()
                    && parent.namedChildren().get(0) == tested) {
                Node called = path.get(i - 1);
                if (SPELLINGS.stream().anyMatch(function -> ElixirSyntax.isRemoteCall(tree, called, "String", function))) {
                    tested = called; // the same value, spelt otherwise
                    i--;
                    continue;
                }
                String name = ElixirSyntax.localCallName(tree, called);
                return "if".equals(name) || "unless".equals(name);
            }
            break;
        }
        return compared; // a comparison yields a boolean wherever it goes
    }

    /**
     * Whether the value read falls back to its own {@code "${NAME}"} ({@code System.get_env("DB_USER") ||
     * "${DB_USER}"}, or as the default argument): the placeholder a Distillery release replaces from the environment
     * when it boots ({@code REPLACE_OS_VARS}), so the build's value is only an override of the boot-time one.
     */
    public boolean fallsBackToBootPlaceholder() {
        Node fallback = fallback();
        return variable != null && fallback != null
                && ("${" + variable + "}").equals(ElixirSyntax.stringLiteral(file.tree(), fallback));
    }

    /**
     * Whether the statement that reads the variable falls back to {@code {:system, "NAME"}} for the same variable
     * ({@code case System.fetch_env("PORT") do {:ok, p} -> p; :error -> {:system, "PORT"} end}): where the build
     * does not set it, the library the value goes to reads it when the app runs.
     */
    public boolean fallsBackToRuntimeRead() {
        return variable != null && SYSTEM_TUPLE.matcher(file.tree().text(statement)).results()
                .anyMatch(tuple -> tuple.group(1).equals(variable));
    }

    /** {@code {:system, "PORT"}}: Phoenix's and Ecto's old convention for a value read from the environment at boot. */
    private static final Pattern SYSTEM_TUPLE = Pattern.compile(
            "\\{\\s*:system\\s*,\\s*\"([A-Za-z_][A-Za-z0-9_]*)\"");

    /**
     * The literal the read falls back to when the variable is unset, as written ({@code "America/Toronto"},
     * {@code 4000}, {@code 10 * 60_000}, {@code :info}): a string without interpolation, a number or arithmetic on
     * numbers, an atom or a boolean; else null.
     */
    public String literalFallback() {
        Node fallback = fallback();
        if (fallback == null) {
            return null;
        }
        SyntaxTree tree = file.tree();
        boolean literal = ElixirSyntax.stringLiteral(tree, fallback) != null || fallback.is("atom")
                || fallback.is("boolean") || isConstantNumber(tree, fallback);
        return literal ? tree.text(fallback) : null;
    }

    /**
     * The value the read falls back to as the environment would spell it: a string literal's content or a number as
     * written ({@code "4000"} and {@code 4000} are both {@code 4000}); null for anything else.
     */
    public String fallbackAsEnvironmentValue() {
        Node fallback = fallback();
        if (fallback == null) {
            return null;
        }
        SyntaxTree tree = file.tree();
        String string = ElixirSyntax.stringLiteral(tree, fallback);
        return string != null ? string : fallback.is("integer") || fallback.is("float") ? tree.text(fallback) : null;
    }

    /** A number, or arithmetic on numbers ({@code 10 * 60 * 60_000}). */
    private static boolean isConstantNumber(SyntaxTree tree, Node node) {
        if (node.is("integer") || node.is("float")) {
            return true;
        }
        Node operator = node.is("binary_operator") ? node.child("operator") : null;
        return operator != null && ARITHMETIC.contains(tree.text(operator)) && node.child("left") != null
                && node.child("right") != null && isConstantNumber(tree, node.child("left"))
                && isConstantNumber(tree, node.child("right"));
    }

    /** Whether the read gives a value of its own when the variable is unset (a default, the right of {@code ||}). */
    public boolean hasFallback() {
        return fallback() != null;
    }

    /**
     * What the read falls back to when the variable is unset: the default argument of {@code System.get_env/2} or of
     * {@code Map.get(System.get_env(), "X", default)}, or the right side of {@code System.get_env("X") || …}; null when
     * there is none.
     */
    private Node fallback() {
        if (variable == null) {
            return null;
        }
        List<Node> arguments = ElixirSyntax.arguments(call);
        SyntaxTree tree = file.tree();
        if (ElixirSyntax.isRemoteCall(tree, call, "Map", "get") || ElixirSyntax.isRemoteCall(tree, call, "Map", "fetch")
                || ElixirSyntax.isRemoteCall(tree, call, "Map", "fetch!")) {
            // A lookup in the whole environment: its second argument is the variable's name.
            return arguments.size() == 3 ? arguments.get(2) : null;
        }
        if (arguments.size() > 1) {
            return arguments.get(1);
        }
        List<Node> path = statement.pathDownTo(call);
        Node parent = path.size() > 1 ? path.get(path.size() - 2) : null;
        Node operator = parent == null ? null : parent.child("operator");
        boolean or = parent != null && parent.is("binary_operator") && operator != null
                && "||".equals(file.tree().text(operator)) && parent.child("left") == call;
        return or ? parent.child("right") : null;
    }

    /**
     * Whether evaluating the config stops when the variable is unset, wherever the read runs: {@code fetch_env!/1}
     * (also through the whole environment, {@code Map.fetch!(System.get_env(), "X")}) or {@code System.get_env("X")
     * || raise "…"}, outside any {@code case}, {@code cond}, {@code with} or comprehension that may skip it.
     */
    public boolean failsWhenUnset() {
        if (variable == null) {
            return false;
        }
        SyntaxTree tree = file.tree();
        for (Node step : statement.pathDownTo(call)) {
            if (step != call && step.is("call") && BRANCHING.contains(String.valueOf(ElixirSyntax.localCallName(tree, step)))) {
                return false;
            }
        }
        if ("fetch_env!".equals(ElixirSyntax.localCallName(tree, call))
                || ElixirSyntax.isRemoteCall(tree, call, "System", "fetch_env!")
                || ElixirSyntax.isRemoteCall(tree, call, "Map", "fetch!")) {
            return true;
        }
        Node fallback = fallback();
        return fallback != null && "raise".equals(ElixirSyntax.localCallName(tree, fallback));
    }

    /** Constructs whose body may not run: a read inside one is not made on every evaluation. */
    private static final Set<String> BRANCHING = Set.of("case", "cond", "with", "for", "try", "receive", "fn");

    /**
     * Whether the read chooses a flavour of the build: it only decides, and its decisions pick which module the app
     * uses together with that module's config ({@code endpoint_module: if(desktop?, do: Desktop.Endpoint, else: …)}
     * beside {@code if desktop? do config :app, Desktop.Endpoint, … end}), so it shapes the build rather than passing
     * a setting on.
     */
    public boolean choosesFlavour() {
        return FlavourSwitch.choosesFlavour(file.tree(), call);
    }

    /** Whether the read only decides which module of the app a setting names ({@code if(eci?, do: EciRouter, else: Router)}). */
    public boolean picksModules() {
        return FlavourSwitch.picksModules(file.tree(), call);
    }
}
