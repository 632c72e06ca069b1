package dev.gotchals.settings;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.SettingsFile;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a project's {@code .gotcha.exs} from its syntax tree, never evaluating it (it is project code like any
 * other, and may come from anyone who can open a pull request). The file is one keyword list:
 *
 * <pre>
 * [
 *   rules: [
 *     {"GT007", enabled: false},
 *     {"hardcoded-secret", severity: :warning, secret_keys: ["stripe_key"]}
 *   ],
 *   exclude: ["apps/legacy/**"]
 * ]
 * </pre>
 *
 * Values must be literals: strings without interpolation or escapes, atoms, booleans, lists, and {@code ~w()}
 * word lists without interpolation (as credo configs often use). Each entry that cannot be read (a syntax error,
 * an unknown key, rule or option, a wrong type, a variable or call, an invalid glob, a rule configured twice)
 * becomes a {@link SettingsFile.Problem} on that entry, and is left out; the others still apply.
 */
public final class SettingsFileParser {
    /** The top-level keys the file takes. */
    public static final List<String> TOP_LEVEL_KEYS = List.of("rules", "exclude");
    private static final String SEVERITIES = ":error, :warning, :info or :hint";
    /** Problems past this many are not reported: a file that bad needs rewriting, not a list of every mistake. */
    static final int MAX_PROBLEMS = 100;
    /** Values longer than this are not quoted in messages. */
    private static final int MAX_QUOTED_BYTES = 40;
    /** Literal node types of the Elixir grammar (containers are checked item by item where it matters). */
    private static final Set<String> LITERALS = Set.of("boolean", "nil", "atom", "quoted_atom", "integer", "float",
            "string", "charlist", "sigil", "list", "tuple", "map", "keywords", "char");

    private final SyntaxTree tree;
    private final List<RuleInfo> known;
    private final List<SettingsFile.Problem> problems = new ArrayList<>();
    private final Map<String, RuleSettings> rules = new LinkedHashMap<>();
    private final Set<String> exclude = new LinkedHashSet<>();

    private SettingsFileParser(SyntaxTree tree, List<RuleInfo> known) {
        this.tree = tree;
        this.known = known;
    }

    /**
     * The settings in {@code file}, whose entries may name the {@code known} rules by id or slug. A missing or
     * unparsed file has no settings and no problems.
     */
    public static SettingsFile parse(DocumentSnapshot file, List<RuleInfo> known) {
        if (file == null || !file.isParsed()) {
            return SettingsFile.NONE;
        }
        SettingsFileParser parser = new SettingsFileParser(file.tree(), known);
        parser.read();
        return new SettingsFile(file, new Settings(parser.rules, new ArrayList<>(parser.exclude)), parser.problems);
    }

    private void read() {
        reportFirstSyntaxError();
        Node list = null;
        Set<String> seen = new LinkedHashSet<>();
        // A file tree-sitter could not parse as a whole (an unclosed list): read the entries it recovered, and
        // nothing else, the syntax error being reported already.
        boolean recovering = tree.root().isError();
        for (Node statement : tree.statements()) {
            if (statement.is("comment") || !statement.isNamed()) {
                continue;
            }
            if (statement.isError() || statement.is("pair") || statement.is("keywords")) {
                readEntries(recoveredPairs(statement), seen);
            } else if (recovering) {
                continue;
            } else if (list != null) {
                problem(statement, "only one keyword list is read from .gotcha.exs; what follows it is ignored");
                break;
            } else {
                list = statement;
                if (statement.is("list")) {
                    readTopLevel(statement, seen);
                } else {
                    problem(statement, "expected a keyword list such as [rules: [...], exclude: [...]], found "
                            + describe(statement));
                }
            }
        }
    }

    /** The keyword pairs directly inside a node that error recovery left at the top of the file. */
    private static List<Node> recoveredPairs(Node node) {
        if (node.is("pair")) {
            return List.of(node);
        }
        List<Node> pairs = new ArrayList<>();
        for (Node child : node.namedChildren()) {
            if (child.is("pair")) {
                pairs.add(child);
            } else if (child.is("keywords")) {
                pairs.addAll(keywordPairs(child));
            }
        }
        return pairs;
    }

    /**
     * One problem for the first place tree-sitter could not parse: later errors are often echoes of the first.
     * The entries it could read still apply.
     */
    private void reportFirstSyntaxError() {
        if (!tree.hasErrors()) {
            return;
        }
        Node[] first = new Node[1];
        tree.root().forEachDescendant(node -> {
            if (first[0] == null && (node.isError() || node.isMissing())) {
                first[0] = node;
            }
        });
        if (first[0] == null) {
            return;
        }
        Node error = first[0];
        String message = error.isMissing()
                ? "syntax error: missing `" + error.type() + "`"
                : "syntax error: this part of .gotcha.exs cannot be read (an unclosed bracket? a missing comma?)";
        // An error around an unclosed bracket can span the rest of the file: underline its first line only.
        int start = tree.startOffset(error);
        int lineEnd = tree.text().text().indexOf('\n', start);
        int end = lineEnd < 0 ? tree.endOffset(error) : Math.min(tree.endOffset(error), lineEnd);
        problem(start, end, message + "; the entries that can be read still apply");
    }

    private void readTopLevel(Node list, Set<String> seen) {
        for (Node item : list.namedChildren()) {
            if (item.is("comment") || item.isError()) {
                continue;
            }
            if (item.is("keywords")) {
                readEntries(keywordPairs(item), seen);
            } else {
                problem(item, "expected `key: value` entries in the top-level list, found " + describe(item));
            }
        }
    }

    private void readEntries(List<Node> pairs, Set<String> seen) {
        for (Node pair : pairs) {
            String key = ElixirSyntax.keywordName(tree, pair);
            Node value = pair.child("value");
            Node keyNode = pair.child("key");
            if (key == null || value == null) {
                problem(pair, "expected a plain key such as `rules:` or `exclude:`");
                continue;
            }
            if (!TOP_LEVEL_KEYS.contains(key)) {
                problem(keyNode, "unknown key `" + key + "`: .gotcha.exs takes `rules` and `exclude`");
                continue;
            }
            if (!seen.add(key)) {
                problem(keyNode, "`" + key + "` is set twice; this one is ignored");
                continue;
            }
            if (key.equals("rules")) {
                readRules(value);
            } else {
                readExclude(value);
            }
        }
    }

    // ---------------------------------------------------------------- rules

    private void readRules(Node value) {
        if (!value.is("list")) {
            problem(value, "`rules` takes a list of rule entries such as [{\"GT007\", enabled: false}], found "
                    + describe(value));
            return;
        }
        Map<String, Node> configured = new HashMap<>();
        for (Node entry : value.namedChildren()) {
            if (entry.is("comment") || entry.isError()) {
                continue;
            }
            if (!entry.is("tuple")) {
                problem(entry, "a rule entry is a tuple of the rule's id or slug and its settings, such as "
                        + "{\"GT007\", enabled: false}; found " + describe(entry));
                continue;
            }
            readRule(entry, configured);
        }
    }

    private void readRule(Node entry, Map<String, Node> configured) {
        List<Node> parts = new ArrayList<>();
        for (Node part : entry.namedChildren()) {
            if (!part.is("comment")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            problem(entry, "an empty rule entry: write {\"GT007\", enabled: false}");
            return;
        }
        Node nameNode = parts.get(0);
        String name = plainString(nameNode);
        if (name == null) {
            problem(nameNode, "a rule is named by a string, its id (\"GT005\") or slug (\"hardcoded-secret\"); found "
                    + describe(nameNode));
            return;
        }
        RuleInfo rule = RuleDocs.lookup(known, name);
        if (rule == null) {
            problem(nameNode, "unknown rule \"" + name + "\" (`gotcha-ls rules` lists them)");
            return;
        }
        Node earlier = configured.putIfAbsent(rule.id(), entry);
        if (earlier != null) {
            problem(nameNode, rule.id() + " (" + rule.slug() + ") is already configured on line "
                    + (tree.text().positionAt(tree.startOffset(earlier), dev.gotchals.text.PositionEncoding.UTF16)
                    .line() + 1) + "; this entry is ignored");
            return;
        }
        List<Node> pairs = new ArrayList<>();
        for (Node part : parts.subList(1, parts.size())) {
            if (part.isError()) {
                continue; // reported as the syntax error
            }
            if (part.is("keywords") || part.is("list") && (part.namedChildren().isEmpty()
                    || !ElixirSyntax.pairsOf(part).isEmpty())) {
                pairs.addAll(part.is("keywords") ? keywordPairs(part) : ElixirSyntax.pairsOf(part));
            } else {
                problem(part, "expected the rule's settings as `key: value` after its name, such as "
                        + "{\"" + name + "\", enabled: false}; found " + describe(part));
            }
        }
        Boolean enabled = null;
        Severity severity = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Node pair : pairs) {
            String key = ElixirSyntax.keywordName(tree, pair);
            Node value = pair.child("value");
            Node keyNode = pair.child("key");
            if (key == null || value == null) {
                problem(pair, "expected a plain key such as `enabled:` or `severity:`");
                continue;
            }
            if (!seen.add(key)) {
                problem(keyNode, "`" + key + "` is set twice for " + rule.id() + "; this one is ignored");
                continue;
            }
            switch (key) {
                case "enabled" -> {
                    if (value.is("boolean")) {
                        enabled = tree.text(value).equals("true");
                    } else {
                        problem(value, "`enabled` takes true or false, found " + describe(value));
                    }
                }
                case "severity" -> {
                    severity = severity(value);
                    if (severity == null) {
                        problem(value, "`severity` takes " + SEVERITIES + ", found " + describe(value));
                    }
                }
                default -> {
                    RuleOption option = rule.option(key);
                    if (option == null) {
                        problem(keyNode, rule.options().isEmpty()
                                ? "unknown setting `" + key + "`: " + rule.id() + " (" + rule.slug()
                                  + ") takes `enabled` and `severity`, and no options"
                                : "unknown setting `" + key + "`: " + rule.id() + " (" + rule.slug()
                                  + ") takes `enabled`, `severity` and " + optionNames(rule));
                        continue;
                    }
                    List<String> values = stringList(value, "`" + key + "`");
                    if (values != null) {
                        options.put(key, values);
                    }
                }
            }
        }
        rules.put(rule.id(), new RuleSettings(enabled, severity, options));
    }

    private static String optionNames(RuleInfo rule) {
        List<String> names = new ArrayList<>();
        for (RuleOption option : rule.options()) {
            names.add("`" + option.name() + "`");
        }
        return String.join(", ", names);
    }

    private Severity severity(Node value) {
        String name = ElixirSyntax.atomName(tree, value);
        return name == null ? null : Severity.fromLabel(name);
    }

    // ---------------------------------------------------------------- exclude

    private void readExclude(Node value) {
        List<Node> items = new ArrayList<>();
        List<String> globs = stringList(value, "`exclude`", items);
        if (globs == null) {
            return;
        }
        for (int i = 0; i < globs.size(); i++) {
            String problem = Settings.globProblem(globs.get(i));
            if (problem != null) {
                problem(items.get(i), problem);
            } else {
                exclude.add(globs.get(i));
            }
        }
    }

    // ---------------------------------------------------------------- values

    private List<String> stringList(Node value, String what) {
        return stringList(value, what, new ArrayList<>());
    }

    /**
     * The strings of a list of plain strings or of a {@code ~w()} sigil; {@code nodes} gets the node each came from.
     * A non-string item is reported and left out. Null (reported) when the value is not a list at all.
     */
    private List<String> stringList(Node value, String what, List<Node> nodes) {
        if (value.is("sigil")) {
            List<String> words = words(value);
            if (words == null) {
                problem(value, what + " takes a list of strings; a ~w sigil is read only without interpolation or "
                        + "modifiers (found " + tree.text(value) + ")");
                return null;
            }
            for (int i = 0; i < words.size(); i++) {
                nodes.add(value);
            }
            return words;
        }
        if (!value.is("list")) {
            problem(value, what + " takes a list of strings, such as [\"a\", \"b\"]; found " + describe(value));
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (Node item : value.namedChildren()) {
            if (item.is("comment") || item.isError()) {
                continue;
            }
            String string = plainString(item);
            if (string == null) {
                problem(item, what + " takes a list of strings; this item is " + describe(item) + " and is ignored");
                continue;
            }
            strings.add(string);
            nodes.add(item);
        }
        return strings;
    }

    /** The words of {@code ~w(a b)} or {@code ~W(a b)}, or null when it has interpolation, escapes or modifiers. */
    private List<String> words(Node sigil) {
        Node name = sigil.firstOfType("sigil_name");
        if (name == null || !(tree.text(name).equals("w") || tree.text(name).equals("W"))) {
            return null;
        }
        StringBuilder content = new StringBuilder();
        for (Node child : sigil.namedChildren()) {
            if (child.is("quoted_content")) {
                content.append(tree.text(child));
            } else if (child.is("sigil_modifiers")) {
                if (!tree.text(child).equals("s")) {
                    return null; // ~w()a and ~w()c make atoms and charlists
                }
            } else if (!child.is("sigil_name")) {
                return null;
            }
        }
        List<String> words = new ArrayList<>();
        for (String word : content.toString().strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The content of a string literal without interpolation or escapes, or null. */
    private String plainString(Node node) {
        return ElixirSyntax.stringLiteral(tree, node);
    }

    /** The pairs of a {@code keywords} node. */
    private static List<Node> keywordPairs(Node keywords) {
        List<Node> pairs = new ArrayList<>();
        for (Node child : keywords.namedChildren()) {
            if (child.is("pair")) {
                pairs.add(child);
            }
        }
        return pairs;
    }

    /** What a value is, for messages: its text when short, and why it cannot be read when it is not a literal. */
    private String describe(Node node) {
        String text = node.endByte() - node.startByte() <= MAX_QUOTED_BYTES ? tree.text(node).strip() : null;
        String shown = text != null && !text.contains("\n") ? "`" + text + "`" : "an expression";
        String why = notLiteral(node);
        return why == null ? shown : shown + ", " + why + " (.gotcha.exs is read, never run: values must be literals)";
    }

    /** Why a value is not a literal ("a variable", "a function call" …), or null for a literal. */
    private String notLiteral(Node node) {
        if (node.is("identifier")) {
            return "a variable";
        }
        if (node.is("call")) {
            return "a function call";
        }
        if (node.is("unary_operator") && tree.text(node).startsWith("@")) {
            return "a module attribute";
        }
        if (node.is("unary_operator") && tree.text(node).startsWith("-")) {
            Node operand = node.child("operand");
            return operand != null && (operand.is("integer") || operand.is("float")) ? null : "an expression";
        }
        if (node.is("string") || node.is("charlist") || node.is("sigil") || node.is("quoted_atom")) {
            if (node.firstOfType("interpolation") != null) {
                return "an interpolated string";
            }
            if (node.firstOfType("escape_sequence") != null) {
                return "a string with escape sequences, which are not read";
            }
            return null;
        }
        return LITERALS.contains(node.type()) ? null : "an expression";
    }

    private void problem(Node node, String message) {
        if (problems.size() >= MAX_PROBLEMS) {
            return; // before computing offsets, which costs a scan of the line
        }
        problem(tree.startOffset(node), tree.endOffset(node), message);
    }

    /** Records a problem over {@code [start, end)}, without the trailing blanks a keyword node holds ("key: "). */
    private void problem(int start, int end, String message) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        String text = tree.text().text();
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            // Something missing: underline the character before the gap, where the editor can show it.
            while (start > 0 && Character.isWhitespace(text.charAt(start - 1))) {
                start--;
            }
            start = Math.max(0, start - 1);
            end = Math.min(text.length(), start + 1);
        }
        problems.add(new SettingsFile.Problem(start, end, message));
    }
}
