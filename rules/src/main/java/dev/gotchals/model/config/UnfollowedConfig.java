package dev.gotchals.model.config;

import dev.gotchals.elixir.Aliases;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config} calls of a statement the config walk does not enter: the body of a comprehension or of an
 * anonymous function handed to {@code Enum} ({@code for {app, opts} <- HostRuntime.config(), do: config(app, opts)},
 * {@code apps |> Enum.each(fn app -> config app, Repo, url: url end)}). What they set is not read, only which apps
 * (and which of their subjects) they may configure: the one they name, or one of the atoms and modules of the literal
 * list they go through.
 */
final class UnfollowedConfig {
    private UnfollowedConfig() {
    }

    /**
     * The {@code config} calls inside {@code statement}, which is not itself one; empty for most statements, and for
     * one that writes what it reads from another file ({@code for {app, kv} <- Config.Reader.read!("/etc/shop.exs"),
     * do: config(app, kv)}): that file is {@link OperatorConfig}'s, whose template may say what it sets.
     */
    static List<Node> calls(SyntaxTree tree, Node statement) {
        if (!tree.mentions(statement, "config") || "defmodule".equals(ElixirSyntax.localCallName(tree, statement))) {
            // Most statements name no config at all, and the walk asks of each; functions of a module defined in
            // config run only when called.
            return List.of();
        }
        List<Node> found = new ArrayList<>();
        boolean[] loadsFile = {false};
        statement.forEachDescendant(node -> {
            if (node != statement && "config".equals(ElixirSyntax.localCallName(tree, node))
                    && ElixirSyntax.arguments(node).size() >= 2) {
                found.add(node);
            }
            loadsFile[0] |= RuntimeConfig.isExternalLoader(tree, node);
        });
        return loadsFile[0] ? List.of() : found;
    }

    /**
     * What some {@code config} calls may set: keys of {@code apps} (null: any app), below the subjects
     * {@code subjects} ({@code config :shop, repo, pool_size: 10}: the modules {@code repo} goes through; null: any
     * key of the app).
     */
    record Reach(Set<String> apps, Set<String> subjects) {
    }

    /**
     * What {@code calls} (found in {@code statement}) may set. An app or subject written as an atom or a module, or as
     * a variable bound to one, is that one; any other is one of the atoms (and modules) of what the statement
     * iterates, when that is a literal list or map (or a variable bound to one), else any. A call without a subject
     * ({@code config app, opts}) may set any key of its app.
     */
    static Reach reach(SyntaxTree tree, Node statement, List<Node> calls, Map<String, Node> bindings, Aliases aliases) {
        Set<String> apps = new HashSet<>();
        Set<String> subjects = new HashSet<>();
        Iterated iterated = new Iterated();
        boolean anyApp = false;
        boolean anySubject = false;
        for (Node call : calls) {
            List<Node> arguments = ElixirSyntax.arguments(call);
            String app = ConfigWalker.appName(tree, arguments.get(0), bindings);
            Set<String> appNames = app != null ? Set.of(app) : iterated(tree, statement, bindings, aliases, iterated);
            if (appNames == null) {
                anyApp = true;
            } else {
                appNames.stream().filter(name -> !Character.isUpperCase(name.charAt(0))).forEach(apps::add); // atoms
            }
            Node subject = arguments.size() >= 3 ? arguments.get(1) : null;
            String named = subject == null ? null : subjectName(tree, subject, bindings, aliases);
            Set<String> subjectNames = subject == null ? null : named != null ? Set.of(named)
                    : iterated(tree, statement, bindings, aliases, iterated);
            if (subjectNames == null) {
                anySubject = true;
            } else {
                subjects.addAll(subjectNames);
            }
        }
        return new Reach(anyApp ? null : Set.copyOf(apps), anySubject ? null : Set.copyOf(subjects));
    }

    /** A subject written as an atom or a module, or a variable bound to one; null for anything else. */
    private static String subjectName(SyntaxTree tree, Node subject, Map<String, Node> bindings, Aliases aliases) {
        Node written = subject.is("identifier") ? bindings.get(tree.text(subject)) : subject;
        if (written == null) {
            return null;
        }
        return written.is("alias") ? aliases.resolve(tree.text(written)) : ElixirSyntax.atomName(tree, written);
    }

    /** The names a statement iterates, worked out once for all its calls. */
    private static final class Iterated {
        boolean read;
        Set<String> names;
    }

    /** The names the statement iterates, worked out once into {@code cache}; null when they cannot be told. */
    private static Set<String> iterated(SyntaxTree tree, Node statement, Map<String, Node> bindings, Aliases aliases,
                                        Iterated cache) {
        if (!cache.read) {
            cache.names = iteratedNames(tree, statement, bindings, aliases);
            cache.read = true;
        }
        return cache.names;
    }

    /** The atoms and modules of every collection the statement iterates; null when one of them is not written out. */
    private static Set<String> iteratedNames(SyntaxTree tree, Node statement, Map<String, Node> bindings,
                                             Aliases aliases) {
        List<Node> sources = sources(tree, statement);
        if (sources.isEmpty()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (Node source : sources) {
            Node literal = source.is("identifier") ? bindings.get(tree.text(source)) : source;
            if (literal == null || !literal.is("list") && !literal.is("map")) {
                return null;
            }
            literal.forEachDescendant(node -> {
                String atom = ElixirSyntax.atomName(tree, node);
                if (atom != null) {
                    names.add(atom);
                } else if (node.is("alias")) {
                    names.add(aliases.resolve(tree.text(node)));
                }
            });
        }
        return names;
    }

    /**
     * What the statement iterates: the right side of each generator of a {@code for}, and the collection each
     * {@code Enum} function is given (its first argument, or what is piped into it).
     */
    private static List<Node> sources(SyntaxTree tree, Node statement) {
        List<Node> sources = new ArrayList<>();
        statement.forEachDescendant(node -> {
            if ("for".equals(ElixirSyntax.localCallName(tree, node))) {
                for (Node argument : ElixirSyntax.arguments(node)) {
                    Node operator = argument.is("binary_operator") ? argument.child("operator") : null;
                    if (operator != null && tree.text(operator).equals("<-") && argument.child("right") != null) {
                        sources.add(argument.child("right"));
                    }
                }
            } else if (isEnumCall(tree, node)) {
                Node piped = pipedInto(tree, statement, node);
                List<Node> arguments = ElixirSyntax.arguments(node);
                if (piped != null) {
                    sources.add(piped);
                } else if (!arguments.isEmpty()) {
                    sources.add(arguments.get(0));
                }
            }
        });
        return sources;
    }

    private static boolean isEnumCall(SyntaxTree tree, Node node) {
        Node target = node.is("call") ? node.child("target") : null;
        Node module = target != null && target.is("dot") ? target.child("left") : null;
        return module != null && module.is("alias") && tree.text(module).equals("Enum");
    }

    /** The left side of the pipe whose right side is {@code call} ({@code list |> Enum.each(…)}), or null. */
    private static Node pipedInto(SyntaxTree tree, Node statement, Node call) {
        List<Node> path = statement.pathDownTo(call);
        Node parent = path.size() >= 2 ? path.get(path.size() - 2) : null;
        Node operator = parent != null && parent.is("binary_operator") ? parent.child("operator") : null;
        Node right = operator != null && tree.text(operator).equals("|>") ? parent.child("right") : null;
        return right != null && right.startByte() == call.startByte() ? parent.child("left") : null;
    }
}
