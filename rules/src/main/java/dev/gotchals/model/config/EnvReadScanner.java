package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Finds the environment reads of one statement that run in an environment ({@link EnvCalls}: {@code System} reads
 * however the file names them, the project's wrappers of them, and {@code Application} config reads): branches of an inline
 * {@code if(…, do: …, else: …)} or of {@code case config_env()} that the environment does not take are skipped, and
 * so are function bodies (they run later, if ever) and comments.
 */
final class EnvReadScanner {
    private final String env;
    private final Consumer<EnvRead> found;
    private final Function<DocumentSnapshot, EnvCalls> callsOf;

    /** @param callsOf how each file calls the reads, the project's own wrappers included */
    EnvReadScanner(String env, Function<DocumentSnapshot, EnvCalls> callsOf, Consumer<EnvRead> found) {
        this.env = env;
        this.callsOf = callsOf;
        this.found = found;
    }

    /** Where a read sits: its statement and how that statement runs. */
    record Site(DocumentSnapshot file, Node statement, ConfigPhase phase, boolean topLevel, boolean prodOnly) {
    }

    void scan(Site site, Node node, Truth applies) {
        if (applies == Truth.FALSE || node.is("anonymous_function") || node.is("comment")) {
            return;
        }
        EnvCalls calls = callsOf.apply(site.file());
        if (!calls.mayRead(node)) {
            return;
        }
        SyntaxTree tree = site.file().tree();
        boolean systemRead = calls.readsVariable(node);
        if (systemRead || calls.isApplicationRead(node)) {
            String variable = systemRead ? calls.variableRead(node) : null;
            found.accept(new EnvRead(site.file(), node, site.statement(), variable, site.phase(), site.topLevel(),
                    site.prodOnly(), applies));
        }
        String name = ElixirSyntax.localCallName(tree, node);
        if ("if".equals(name) || "unless".equals(name)) {
            scanConditional(site, node, applies, name.equals("unless"));
            return;
        }
        List<Node> arguments = "case".equals(name) ? ElixirSyntax.arguments(node) : List.of();
        if (arguments.size() == 1 && EnvCondition.isEnvExpression(tree, arguments.get(0))
                && ElixirSyntax.doBlock(node) != null) {
            scanEnvCase(site, ElixirSyntax.doBlock(node), applies);
            return;
        }
        for (Node child : node.children()) {
            scan(site, child, applies);
        }
    }

    private void scanConditional(Site site, Node call, Truth applies, boolean unless) {
        SyntaxTree tree = site.file().tree();
        List<Node> arguments = ElixirSyntax.arguments(call);
        if (arguments.isEmpty()) {
            return;
        }
        scan(site, arguments.get(0), applies);
        Truth condition = EnvCondition.evaluate(tree, arguments.get(0), env);
        if (unless) {
            condition = condition.not();
        }
        Truth then = applies.and(condition);
        Truth otherwise = applies.and(condition.not());
        Node block = ElixirSyntax.doBlock(call);
        for (Node child : ElixirSyntax.blockStatements(block, false)) {
            scan(site, child, then);
        }
        for (Node child : ElixirSyntax.blockStatements(block, true)) {
            scan(site, child, otherwise);
        }
        // if cond, do: a, else: b
        List<Node> options = arguments.size() > 1 ? ElixirSyntax.pairsOf(arguments.get(arguments.size() - 1)) : List.of();
        for (Node pair : options) {
            Node value = pair.child("value");
            if (value != null) {
                scan(site, value, "else".equals(ElixirSyntax.keywordName(tree, pair)) ? otherwise : then);
            }
        }
    }

    /** {@code case config_env() do :dev -> …; _ -> … end}: only the clause the environment takes runs. */
    private void scanEnvCase(Site site, Node doBlock, Truth applies) {
        SyntaxTree tree = site.file().tree();
        boolean matched = false;
        for (Node clause : doBlock.namedChildren()) {
            if (!clause.is("stab_clause")) {
                continue;
            }
            Node left = clause.child("left");
            List<Node> patterns = left == null ? List.of() : left.namedChildren();
            boolean allAtoms = !patterns.isEmpty() && patterns.stream().allMatch(p -> ElixirSyntax.atomName(tree, p) != null);
            boolean matches = patterns.stream().anyMatch(p -> env.equals(ElixirSyntax.atomName(tree, p)));
            boolean runs = allAtoms ? matches : !matched;
            matched |= matches;
            Node right = clause.child("right");
            if (runs && right != null) {
                scan(site, right, applies);
            }
        }
    }
}
