package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;
import java.util.Map;

/**
 * One {@code config} call as evaluated for one environment.
 *
 * @param file     the config file it is written in
 * @param call     the call node
 * @param app      the root key ({@code :logger} → "logger")
 * @param subject  the second key when there is one ({@code MyAppWeb.Endpoint}, {@code :console}), else null
 * @param pairs    the keyword pairs it sets; for {@code config :app, Endpoint, endpoint_config} those of the list
 *                 the variable is bound to
 * @param applies  whether it runs in the environment the timeline was built for
 * @param phase    when it runs: while building, or at boot
 * @param bindings the local variables in scope at the call, each with the expression last bound to it
 */
public record ConfigCall(DocumentSnapshot file, Node call, String app, String subject, List<Node> pairs,
                         Truth applies, ConfigPhase phase, Map<String, Node> bindings) {
    private static final int MAX_ALIASES = 8;

    public ConfigCall {
        pairs = List.copyOf(pairs);
        bindings = Map.copyOf(bindings);
    }

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

    /**
     * The expression a value stands for: a variable bound before the call ({@code host} after
     * {@code host = System.get_env("PHX_HOST") || "example.com"}) becomes the bound expression, followed through
     * {@code a = b} chains; anything else is returned as is, an unbound variable included.
     */
    public Node resolve(Node value) {
        Node current = value;
        for (int i = 0; i < MAX_ALIASES && current != null && current.is("identifier"); i++) {
            Node bound = bindings.get(tree().text(current));
            if (bound == null) {
                break;
            }
            current = bound;
        }
        return current;
    }

    /** Whether the call reads a local variable (one bound by an earlier statement of its file). */
    public boolean usesBindings() {
        if (bindings.isEmpty()) {
            return false;
        }
        SyntaxTree tree = tree();
        boolean[] uses = {false};
        call.forEachDescendant(node -> {
            if (node.is("identifier") && !"target".equals(node.field()) && bindings.containsKey(tree.text(node))) {
                uses[0] = true;
            }
        });
        return uses[0];
    }

    /**
     * For {@code config :app, :key, value} whose value is not a keyword list: that value, which the application's key
     * {@link #subject} is set to as a whole; else null.
     */
    public Node keyedValue() {
        List<Node> arguments = ElixirSyntax.arguments(call);
        if (arguments.size() != 3 || subject == null || !arguments.get(1).is("atom") || !pairs.isEmpty()) {
            return null;
        }
        Node value = arguments.get(2);
        return value.is("keywords") || value.is("list") ? null : value;
    }

    /** Whether its pairs are written in the call itself, not in a list bound to a variable. */
    public boolean pairsInline() {
        return pairs.isEmpty() || call.startByte() <= pairs.get(0).startByte() && pairs.get(0).endByte() <= call.endByte();
    }
}
