package dev.gotchals.mix;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One release of a mix.exs {@code releases:} list ({@code shop: [cookie: "…", steps: [:assemble, :tar]]}).
 *
 * @param name    the release's name, as in {@code bin/<name>}
 * @param key     the node naming it in mix.exs
 * @param options its options by key, values followed through the module's functions and attributes
 */
public record Release(String name, Node key, Map<String, Node> options, SyntaxTree tree) {

    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** A string option ({@code runtime_config_path}, {@code cookie}), or null when absent or not a literal. */
    public String string(String option) {
        return ElixirSyntax.stringLiteral(tree, options.get(option));
    }

    /** A list-of-atoms option ({@code steps: [:assemble, :tar]}), or null when absent or not a literal list. */
    public List<String> atoms(String option) {
        Node value = options.get(option);
        if (value == null || !value.is("list")) {
            return null;
        }
        List<String> atoms = new ArrayList<>();
        for (Node item : value.namedChildren()) {
            String atom = ElixirSyntax.atomName(tree, item);
            if (atom == null) {
                return null;
            }
            atoms.add(atom);
        }
        return atoms;
    }
}
