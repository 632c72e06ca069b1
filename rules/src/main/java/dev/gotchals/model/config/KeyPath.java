package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code config} call does to a key path, as {@code Config} deep-merges it: {@code config :app, Sub, k: v}
 * and {@code config :app, Sub: [k: v]} both set {@code app → Sub → k}, as {@code config :app, :key, v} and
 * {@code config :app, key: v} both set {@code app → key}; a keyword list merges into the one before,
 * any other value (a list with other elements beside its keywords, {@code [:inet6, port: 4000]}, too) replaces it.
 */
final class KeyPath {
    private KeyPath() {
    }

    /**
     * The value the call gives the path ({@link ConfigValue.State#UNSET} when it replaces a list above the key by
     * a plain value, {@link ConfigValue.State#UNKNOWN} when it sets it through an expression the model cannot
     * follow), or null when the call leaves it alone.
     */
    static ConfigValue lookup(ConfigCall call, String app, String subject, List<String> keys) {
        if (!call.app().equals(app)) {
            return null;
        }
        if (subject == null && call.subject() != null && !keys.isEmpty()) {
            // app → api_token, asked of config :app, :api_token, value: the key is the call's subject
            subject = keys.get(0);
            keys = keys.subList(1, keys.size());
        }
        SyntaxTree tree = call.tree();
        List<String> path = new ArrayList<>();
        if (call.subject() == null) {
            if (subject != null) {
                path.add(subject);
            }
        } else if (!call.subject().equals(subject)) {
            return null;
        }
        path.addAll(keys);
        List<Node> arguments = ElixirSyntax.arguments(call.call());
        Node options = arguments.get(arguments.size() - 1);
        if (call.pairs().isEmpty()) {
            if (arguments.size() == 1) {
                return null;
            }
            // config :phoenix, :json_library, Jason; config :app, Endpoint, options_from_elsewhere
            Node value = call.resolve(options);
            if (!path.isEmpty() && isEmptyList(tree, value)) {
                return null; // config :app, Endpoint, []: an empty keyword list merges nothing in
            }
            return path.isEmpty() && !value.is("identifier") ? ConfigValue.set(call, value) : below(call, value);
        }
        if (path.isEmpty()) {
            return ConfigValue.unknown(call); // a whole keyword list, merged from every call: not one expression
        }
        List<Node> pairs = call.pairs();
        boolean replacing = false;
        for (int i = 0; i < path.size(); i++) {
            Node pair = last(tree, pairs, path.get(i));
            if (pair == null) {
                // A list that is not all keywords ([nil, port: 80]) replaces the one before instead of merging: a
                // key it leaves out is gone, and what Phoenix then puts in its place is not the model's to say.
                return replacing ? ConfigValue.unknown(call) : null;
            }
            Node value = call.resolve(pair.child("value"));
            if (i == path.size() - 1) {
                // An identifier left after resolving is a variable the model does not know.
                return value == null || value.is("identifier") ? ConfigValue.unknown(call) : ConfigValue.set(call, value);
            }
            List<Node> inner = value == null ? List.of() : ElixirSyntax.pairsOf(value);
            if (inner.isEmpty()) {
                return isEmptyList(tree, value) ? null : below(call, value);
            }
            pairs = inner;
            replacing = value.is("list") && value.namedChildren().stream().filter(child -> !child.is("comment")).count() > 1;
        }
        return null;
    }

    /** A plain value where a keyword list was: the keys below are gone; an expression: they cannot be told. */
    private static ConfigValue below(ConfigCall call, Node value) {
        boolean plain = value != null && (value.is("string") || value.is("atom") || value.is("integer")
                || value.is("float") || value.is("boolean") || value.is("nil"));
        return plain ? ConfigValue.UNSET : ConfigValue.unknown(call);
    }

    private static boolean isEmptyList(SyntaxTree tree, Node value) {
        return value != null && value.is("list") && value.namedChildren().isEmpty();
    }

    private static Node last(SyntaxTree tree, List<Node> pairs, String key) {
        Node found = null;
        for (Node pair : pairs) {
            if (Objects.equals(key, ElixirSyntax.keywordName(tree, pair))) {
                found = pair;
            }
        }
        return found;
    }
}
