package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * One keyword pair a {@code config} call sets, nested ones included ({@code url: [host: "x"]} gives {@code url}
 * and {@code url → host}).
 *
 * @param pair     the pair node
 * @param key      its key
 * @param siblings the pairs of the list it is in, itself included
 * @param parent   the pair whose keyword list holds it, or null at the call's top
 */
public record ConfigEntry(Node pair, String key, List<Node> siblings, ConfigEntry parent) {
    /** The keys from the call's top down to this one. */
    public List<String> keys() {
        List<String> keys = parent == null ? new ArrayList<>() : new ArrayList<>(parent.keys());
        keys.add(key);
        return keys;
    }

    public Node value() {
        return pair.child("value");
    }

    /** Whether {@code node} lies within this entry's value. */
    public boolean holds(Node node) {
        Node value = value();
        return value.startByte() <= node.startByte() && node.endByte() <= value.endByte();
    }

    /** The innermost of {@code entries} (a call's, as {@link #of} lists them) whose value holds {@code node}, or null. */
    public static ConfigEntry innermostHolding(List<ConfigEntry> entries, Node node) {
        ConfigEntry holding = null;
        for (ConfigEntry entry : entries) {
            if (entry.holds(node)) {
                holding = entry; // parents come first, so the last match is the innermost
            }
        }
        return holding;
    }

    /** Every pair of the call in source order, parents before the pairs nested in them. */
    public static List<ConfigEntry> of(ConfigCall call) {
        List<ConfigEntry> entries = new ArrayList<>();
        collect(call.tree(), call.pairs(), null, false, entries);
        return entries;
    }

    /**
     * {@link #of}, and the atom-keyed pairs of maps among the values ({@code routing: %{api_key: "…"}}): what a value
     * holds, for a question about the value itself. Config merges keyword lists key by key but replaces a map whole,
     * so a map's pairs are no keys that later config sets one by one.
     */
    public static List<ConfigEntry> withMapPairs(ConfigCall call) {
        List<ConfigEntry> entries = new ArrayList<>();
        collect(call.tree(), call.pairs(), null, true, entries);
        return entries;
    }

    private static void collect(SyntaxTree tree, List<Node> pairs, ConfigEntry parent, boolean maps,
                                List<ConfigEntry> out) {
        for (Node pair : pairs) {
            String key = ElixirSyntax.keywordName(tree, pair);
            Node value = pair.child("value");
            if (key == null || value == null) {
                continue;
            }
            ConfigEntry entry = new ConfigEntry(pair, key, pairs, parent);
            out.add(entry);
            if (value.is("list") || value.is("keywords")) {
                collect(tree, ElixirSyntax.pairsOf(value), entry, maps, out);
            } else if (maps && value.is("map")) {
                Node content = value.firstOfType("map_content");
                Node keywords = content == null ? null : content.firstOfType("keywords");
                if (keywords != null) {
                    collect(tree, ElixirSyntax.pairsOf(keywords), entry, true, out);
                }
            }
        }
    }
}
