package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Later config calls that set a key again but keep its earlier value when an environment variable is unset: the
 * value is read back from the application environment as the fallback
 * ({@code get_env("X", Application.get_env(:app, Endpoint)[:secret_key_base])}), or the pair is dropped when the
 * read yields nil ({@code drop_nils.(secret_key_base: System.get_env("X"))} with
 * {@code drop_nils = fn pairs -> Enum.reject(pairs, fn {_, v} -> is_nil(v) end) end}). Config merges keyword
 * lists key by key, so in both cases the earlier value is what the application ends with.
 */
public final class KeptSettings {
    /** Predicates of {@code Enum.filter}/{@code Keyword.filter} that keep the pairs whose value is not nil. */
    private static final Pattern KEEPS_NON_NIL = Pattern.compile(
            "^fn\\{\\w*,(\\w+)}->(\\1!==?nil|nil!==?\\1|!is_nil\\(\\1\\)|notis_nil\\(\\1\\))end$"
            + "|^&\\(?(!is_nil\\(elem\\(&1,1\\)\\)|notis_nil\\(elem\\(&1,1\\)\\)|elem\\(&1,1\\)!==?nil)\\)?$");
    /** Predicates of {@code Enum.reject}/{@code Keyword.reject} that drop the pairs whose value is nil. */
    private static final Pattern DROPS_NIL = Pattern.compile(
            "^fn\\{\\w*,(\\w+)}->(is_nil\\(\\1\\)|\\1===?nil|nil===?\\1)end$"
            + "|^&\\(?(is_nil\\(elem\\(&1,1\\)\\)|elem\\(&1,1\\)===?nil)\\)?$");

    private KeptSettings() {
    }

    /** How a later setting keeps the earlier value. */
    public enum How {
        /** It reads the earlier value back from the application environment as its fallback. */
        READ_BACK,
        /** The read yields nil when the variable is unset, and the pair is dropped before {@code config}. */
        NIL_DROPPED
    }

    /**
     * A later setting that keeps the earlier value.
     *
     * @param call     the later config call
     * @param variable the variable whose absence keeps the earlier value, or null when the model cannot name it
     */
    public record Kept(ConfigCall call, String variable, How how) {
    }

    /** What one later call does to the key. */
    private enum Effect { UNTOUCHED, KEEPS, REPLACES }

    /**
     * The later setting that keeps {@code call}'s value of the top-level {@code key} of its subject, when every call
     * after it that may set the key keeps the value too; null when a later call replaces the value, may replace it
     * in a way the model cannot read, or none sets the key again.
     */
    public static Kept after(ProjectContext project, ConfigTimeline timeline, ConfigCall call, String key) {
        Kept kept = null;
        boolean after = false;
        for (ConfigCall later : timeline.calls()) {
            if (!after) {
                after = later == call;
                continue;
            }
            if (later.applies() == Truth.FALSE || !later.app().equals(call.app())
                    || !Objects.equals(later.subject(), call.subject())) {
                continue;
            }
            Kept keeping = keeping(project, later, key);
            Effect effect = keeping != null ? Effect.KEEPS : sets(later, key) ? Effect.REPLACES : Effect.UNTOUCHED;
            if (effect == Effect.REPLACES) {
                return null;
            }
            if (kept == null && effect == Effect.KEEPS) {
                kept = keeping;
            }
        }
        return kept;
    }

    /** Whether the call sets the key, or may: its pairs cannot be read. */
    private static boolean sets(ConfigCall later, String key) {
        List<Node> dropped = nilDroppedPairs(later);
        if (!dropped.isEmpty()) {
            return dropped.stream().anyMatch(pair -> key.equals(ElixirSyntax.keywordName(later.tree(), pair)));
        }
        return later.pairs().isEmpty() || later.value(key) != null;
    }

    private static Kept keeping(ProjectContext project, ConfigCall later, String key) {
        EnvCalls calls = EnvCalls.of(project, later.file());
        Node value = later.value(key);
        if (value != null) {
            return readBack(later, calls, later.resolve(value), key, null);
        }
        List<Node> dropped = nilDroppedPairs(later);
        for (Node pair : dropped) {
            if (!key.equals(ElixirSyntax.keywordName(later.tree(), pair)) || pair.child("value") == null) {
                continue;
            }
            Node read = later.resolve(pair.child("value"));
            if (yieldsNilWhenUnset(later.tree(), calls, read)) {
                String variable = ElixirSyntax.stringLiteral(later.tree(), ElixirSyntax.arguments(read).get(0));
                return new Kept(later, variable, How.NIL_DROPPED);
            }
            return readBack(later, calls, read, key, null);
        }
        return null;
    }

    /**
     * The setting when {@code value} reads the key's earlier value back, searched top-down so that the variable whose
     * read it is the fallback of is known: a later argument of a read, or the right side of {@code read || …}.
     */
    private static Kept readBack(ConfigCall later, EnvCalls calls, Node value, String key, String variable) {
        SyntaxTree tree = later.tree();
        if (isEarlierValue(later, value, key)) {
            return new Kept(later, variable, How.READ_BACK);
        }
        if (calls.readsVariable(value) || calls.defaultedRead(value) != null) {
            List<Node> arguments = ElixirSyntax.arguments(value);
            String name = arguments.isEmpty() ? null : ElixirSyntax.stringLiteral(tree, arguments.get(0));
            for (int i = 1; i < arguments.size(); i++) {
                Kept kept = readBack(later, calls, arguments.get(i), key, name);
                if (kept != null) {
                    return kept;
                }
            }
            return null;
        }
        if (value.is("binary_operator") && value.child("operator") != null
                && tree.text(value.child("operator")).strip().equals("||") && value.child("left") != null
                && calls.readsVariable(value.child("left")) && value.child("right") != null) {
            if (calls.neverFalsy(value.child("left"))) {
                return null; // `Map.fetch(…) || …`: the right side is never evaluated
            }
            List<Node> arguments = ElixirSyntax.arguments(value.child("left"));
            String name = arguments.isEmpty() ? null : ElixirSyntax.stringLiteral(tree, arguments.get(0));
            return readBack(later, calls, later.resolve(value.child("right")), key, name);
        }
        for (Node child : value.namedChildren()) {
            Kept kept = readBack(later, calls, child, key, variable);
            if (kept != null) {
                return kept;
            }
        }
        return null;
    }

    /**
     * {@code env[:key]}, {@code Keyword.get(env, :key)} or {@code env |> Keyword.get(:key)} where {@code env} is
     * (bound to) {@code Application.get_env(:app, Subject)}; {@code Application.get_env(:app, :key)} for a call without
     * a subject.
     */
    private static boolean isEarlierValue(ConfigCall later, Node node, String key) {
        SyntaxTree tree = later.tree();
        if (later.subject() == null) {
            return readsAppEnv(later, node, key);
        }
        if (node.is("access_call")) {
            return key.equals(ElixirSyntax.atomName(tree, node.child("key")))
                    && readsAppEnv(later, later.resolve(node.child("target")), later.subject());
        }
        if (node.is("binary_operator") && node.child("operator") != null
                && tree.text(node.child("operator")).strip().equals("|>")) {
            Node right = node.child("right");
            List<Node> arguments = right == null ? List.of() : ElixirSyntax.arguments(right);
            return isKeywordLookup(tree, right) && !arguments.isEmpty()
                    && key.equals(ElixirSyntax.atomName(tree, arguments.get(0)))
                    && readsAppEnv(later, later.resolve(node.child("left")), later.subject());
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        return isKeywordLookup(tree, node) && arguments.size() >= 2
                && key.equals(ElixirSyntax.atomName(tree, arguments.get(1)))
                && readsAppEnv(later, later.resolve(arguments.get(0)), later.subject());
    }

    private static boolean isKeywordLookup(SyntaxTree tree, Node node) {
        return ElixirSyntax.isRemoteCall(tree, node, "Keyword", "get")
                || ElixirSyntax.isRemoteCall(tree, node, "Keyword", "fetch!");
    }

    /** {@code Application.get_env(:app, second)} (or {@code fetch_env!}) of the call's app. */
    private static boolean readsAppEnv(ConfigCall later, Node node, String second) {
        SyntaxTree tree = later.tree();
        if (node == null || !EnvCalls.isApplicationRead(tree, node)) {
            return false;
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        if (arguments.size() < 2 || !later.app().equals(ElixirSyntax.atomName(tree, arguments.get(0)))) {
            return false;
        }
        Node subject = arguments.get(1);
        String written = subject.is("atom") ? ElixirSyntax.atomName(tree, subject) : tree.text(subject);
        return second.equals(written);
    }

    /**
     * The pairs of {@code config :app, Subject, drop.(pairs)} (or {@code pairs |> drop.()}) where {@code drop} is bound
     * to a function that drops the pairs whose value is nil; empty otherwise.
     */
    static List<Node> nilDroppedPairs(ConfigCall call) {
        List<Node> arguments = ElixirSyntax.arguments(call.call());
        if (arguments.isEmpty()) {
            return List.of();
        }
        Node last = arguments.get(arguments.size() - 1);
        SyntaxTree tree = call.tree();
        Node function;
        Node pairs;
        if (last.is("binary_operator") && last.child("operator") != null
                && tree.text(last.child("operator")).strip().equals("|>")) {
            function = last.child("right");
            pairs = last.child("left");
        } else {
            function = last;
            List<Node> passed = last.is("call") ? ElixirSyntax.arguments(last) : List.of();
            pairs = passed.size() == 1 ? passed.get(0) : null;
        }
        Node target = function == null || !function.is("call") ? null : function.child("target");
        if (pairs == null || target == null || !target.is("dot") || target.child("right") != null
                || target.child("left") == null || !target.child("left").is("identifier")) {
            return List.of();
        }
        Node bound = call.resolve(target.child("left"));
        return bound != null && dropsNilValues(tree, bound) ? ElixirSyntax.pairsOf(call.resolve(pairs)) : List.of();
    }

    /**
     * Whether {@code fn pairs -> Enum.reject(pairs, fn {_, v} -> is_nil(v) end) end} or the like: an anonymous
     * function that filters its one parameter down to the pairs whose value is not nil.
     */
    static boolean dropsNilValues(SyntaxTree tree, Node function) {
        if (!function.is("anonymous_function") || function.namedChildren().size() != 1) {
            return false;
        }
        Node clause = function.namedChildren().get(0);
        Node head = clause.child("left");
        if (head != null && head.is("binary_operator")) {
            head = head.child("left"); // fn pairs when is_list(pairs) -> …
        }
        Node body = clause.child("right");
        if (head == null || !head.is("arguments") || head.namedChildren().size() != 1
                || !head.namedChildren().get(0).is("identifier") || body == null || body.namedChildren().size() != 1) {
            return false;
        }
        String param = tree.text(head.namedChildren().get(0));
        Node filter = body.namedChildren().get(0);
        Node subject;
        Node predicate;
        List<Node> arguments = ElixirSyntax.arguments(filter);
        if (filter.is("binary_operator") && filter.child("operator") != null
                && tree.text(filter.child("operator")).strip().equals("|>")) {
            subject = filter.child("left");
            filter = filter.child("right");
            arguments = ElixirSyntax.arguments(filter);
            predicate = arguments.size() == 1 ? arguments.get(0) : null;
        } else {
            subject = arguments.size() == 2 ? arguments.get(0) : null;
            predicate = arguments.size() == 2 ? arguments.get(1) : null;
        }
        if (subject == null || predicate == null || !subject.is("identifier") || !tree.text(subject).equals(param)) {
            return false;
        }
        String written = tree.text(predicate).replaceAll("\\s+", "");
        boolean filters = ElixirSyntax.isRemoteCall(tree, filter, "Enum", "filter")
                || ElixirSyntax.isRemoteCall(tree, filter, "Keyword", "filter");
        boolean rejects = ElixirSyntax.isRemoteCall(tree, filter, "Enum", "reject")
                || ElixirSyntax.isRemoteCall(tree, filter, "Keyword", "reject");
        return filters && KEEPS_NON_NIL.matcher(written).matches() || rejects && DROPS_NIL.matcher(written).matches();
    }

    /** {@code System.get_env("X")}: nil when the variable is unset. */
    private static boolean yieldsNilWhenUnset(SyntaxTree tree, EnvCalls calls, Node read) {
        List<Node> arguments = read.is("call") ? ElixirSyntax.arguments(read) : List.of();
        if (arguments.size() != 1 || !calls.isSystemRead(read)
                || ElixirSyntax.stringLiteral(tree, arguments.get(0)) == null) {
            return false;
        }
        Node target = read.child("target");
        Node function = target != null && target.is("dot") ? target.child("right") : target;
        return function != null && tree.text(function).equals("get_env");
    }
}
