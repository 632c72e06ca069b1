package dev.gotchals.elixir;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aliases in scope at a point of a module or file, as its {@code alias} statements set them: {@code alias
 * Shop.Repo} (Repo), {@code alias Shop.Repo, as: Store} (Store), {@code alias Shop.{Repo, Accounts}} (both). An alias
 * names the module it resolves to from then on; a name with no alias in scope is the module written.
 */
public final class Aliases {
    /** The module the aliases are set in, which {@code __MODULE__} names; null outside a module (a config file). */
    private final String module;
    /** Full module name by the short name it is written with. */
    private final Map<String, String> byShortName = new HashMap<>();

    public Aliases(String module) {
        this.module = module;
    }

    /** Takes in the aliases an {@code alias} statement sets; any other statement is ignored. */
    public void read(SyntaxTree tree, Node statement) {
        if (!"alias".equals(ElixirSyntax.localCallName(tree, statement))) {
            return;
        }
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
            byShortName.put(as, full);
        } else if (target.is("dot") && target.child("left") != null && target.child("right") != null
                && target.child("right").is("tuple")) {
            String base = resolve(tree.text(target.child("left")));
            for (Node item : target.child("right").namedChildren()) {
                if (item.is("alias")) {
                    String text = tree.text(item);
                    byShortName.put(text.substring(text.lastIndexOf('.') + 1), base + "." + text);
                }
            }
        }
    }

    /**
     * The full name of a module as written here: {@code Repo.Query} with {@code alias Shop.Repo} in scope, and
     * {@code __MODULE__.Inner} inside a module.
     */
    public String resolve(String written) {
        if (module != null && (written.equals("__MODULE__") || written.startsWith("__MODULE__."))) {
            return module + written.substring("__MODULE__".length());
        }
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        String full = byShortName.get(first);
        return full == null ? written : full + (dot < 0 ? "" : written.substring(dot));
    }
}
