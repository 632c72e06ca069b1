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

    /**
     * Whether the release runs the project's own code before it assembles ({@code steps: [&build_assets/1,
     * :assemble]}): a step that is not one of Mix's atoms, before {@code :assemble}, or steps that cannot be read.
     * Such code may build the front-end assets into priv/static.
     */
    public boolean runsOwnStepsBeforeAssembly() {
        Node value = options.get("steps");
        if (value == null) {
            return false;
        }
        if (!value.is("list")) {
            return true;
        }
        for (Node item : value.namedChildren()) {
            String atom = ElixirSyntax.atomName(tree, item);
            if (atom == null) {
                return true;
            }
            if (atom.equals("assemble")) {
                return false;
            }
        }
        return false;
    }

    /**
     * The applications the release lists ({@code applications: [shop_web: :permanent, shop: :load]}), or null when
     * it lists none or they cannot be read.
     */
    public List<String> applications() {
        Node value = options.get("applications");
        if (value == null || !value.is("list")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Node pair : ElixirSyntax.pairsOf(value)) {
            String name = ElixirSyntax.keywordName(tree, pair);
            if (name == null) {
                return null;
            }
            names.add(name);
        }
        return names.isEmpty() ? null : names;
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
