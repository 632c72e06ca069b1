package dev.gotchals.elixir;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;

/**
 * One {@code config} call as evaluated for one environment.
 *
 * @param file    the config file it is written in
 * @param call    the call node
 * @param app     the root key ({@code :logger} → "logger")
 * @param subject the second key when there is one ({@code MyAppWeb.Endpoint}, {@code :console}), else null
 * @param pairs   the keyword pairs it sets
 * @param applies whether it runs in the environment the timeline was built for
 * @param phase   when it runs: while building, or at boot
 */
public record ConfigCall(DocumentSnapshot file, Node call, String app, String subject, List<Node> pairs,
                         Truth applies, ConfigPhase phase) {

    public SyntaxTree tree() {
        return file.tree();
    }

    /** The value node of {@code key} in this call, or null. */
    public Node value(String key) {
        Node found = null;
        for (Node pair : pairs) {
            if (key.equals(ElixirSyntax.keywordName(file.tree(), pair))) {
                found = pair.child("value");
            }
        }
        return found;
    }
}
