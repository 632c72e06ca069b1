package dev.gotchals.rules;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;

/**
 * Calls of {@code System.get_env} however the file names the module: {@code System.get_env/1,2}, {@code get_env}
 * after {@code import System}, {@code Env.get_env} after {@code alias System, as: Env}.
 */
final class SystemCalls {
    private SystemCalls() {
    }

    /** Whether {@code node} calls {@code System.get_env}. */
    static boolean isGetEnv(SyntaxTree tree, Node node) {
        if (ElixirSyntax.isRemoteCall(tree, node, "System", "get_env")) {
            return true;
        }
        if ("get_env".equals(ElixirSyntax.localCallName(tree, node))) {
            return importsSystem(tree);
        }
        Node target = node != null && node.is("call") ? node.child("target") : null;
        Node left = target != null && target.is("dot") ? target.child("left") : null;
        Node right = target != null && target.is("dot") ? target.child("right") : null;
        return left != null && left.is("alias") && right != null && tree.text(right).equals("get_env")
                && tree.text(left).equals(systemAlias(tree));
    }

    private static boolean importsSystem(SyntaxTree tree) {
        boolean[] found = {false};
        tree.root().forEachDescendant(node -> found[0] |= "import".equals(ElixirSyntax.localCallName(tree, node))
                && isSystem(tree, ElixirSyntax.arguments(node)));
        return found[0];
    }

    /** The name {@code alias System, as: Name} gives System in the file, or null. */
    private static String systemAlias(SyntaxTree tree) {
        String[] name = {null};
        tree.root().forEachDescendant(node -> {
            if (name[0] == null && "alias".equals(ElixirSyntax.localCallName(tree, node))
                    && isSystem(tree, ElixirSyntax.arguments(node))) {
                for (Node pair : ElixirSyntax.keywordPairs(node)) {
                    Node value = pair.child("value");
                    if ("as".equals(ElixirSyntax.keywordName(tree, pair)) && value != null && value.is("alias")) {
                        name[0] = tree.text(value);
                    }
                }
            }
        });
        return name[0];
    }

    private static boolean isSystem(SyntaxTree tree, List<Node> arguments) {
        return !arguments.isEmpty() && arguments.get(0).is("alias") && tree.text(arguments.get(0)).equals("System");
    }
}
