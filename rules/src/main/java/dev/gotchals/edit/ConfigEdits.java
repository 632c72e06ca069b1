package dev.gotchals.edit;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigEntry;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.rule.Fix;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;

/**
 * The edits fixes make to config files: settings added to the runtime config's production block, statements
 * moved out of build-time config, values replaced. Every edit lands in the runtime config {@link RuntimeConfig}
 * chose, so a fix never creates {@code runtime.exs} beside a {@code releases.exs} (from Elixir 1.11 the release
 * would then ignore {@code releases.exs} and every setting in it).
 *
 * <p>Code handed in is written as at top level; the edits indent it for where it lands.
 */
public final class ConfigEdits {
    private static final String PROD_BLOCK_START = "if config_env() == :prod do\n";

    private ConfigEdits() {
    }

    /**
     * Adds {@code code} at the end of the runtime config's {@code if config_env() == :prod do} block; appends such a
     * block when there is none, and creates the file with {@code import Config} when it does not exist. In a
     * {@code releases.exs} that may run on an Elixir without {@code config_env()} (before 1.11) and has no such
     * block, the code goes at top level: releases.exs is only read by releases. Null when the file cannot be read
     * or edited safely.
     */
    public static Fix.Change insertIntoProdBlock(RuntimeConfig runtime, String code) {
        if (!runtime.exists()) {
            String body = runtime.hasConfigEnv() ? PROD_BLOCK_START + indent(code, "  ") + "\nend\n" : code + "\n";
            return new Fix.CreateFile(runtime.path(), "import Config\n\n" + body);
        }
        DocumentSnapshot file = readable(runtime);
        if (file == null) {
            return null;
        }
        Fix.Edit intoBlock = intoExistingProdBlock(file, code);
        if (intoBlock != null) {
            return intoBlock;
        }
        String text = file.text().text();
        String addition = runtime.hasConfigEnv() ? PROD_BLOCK_START + indent(code, "  ") + "\nend\n" : code + "\n";
        return new Fix.Edit(file, text.length(), text.length(), paragraphSeparator(text) + addition);
    }

    /**
     * Gives {@code subject}'s config (of {@code app}) {@code key: value} in the runtime config's prod block: added
     * to a {@code config :app, Subject, …} call already there, else as a new {@code config} line
     * ({@link #insertIntoProdBlock}).
     */
    public static Fix.Change setInProdBlock(RuntimeConfig runtime, String app, String subject, String key, String value) {
        String line = "config :" + app + ", " + subject + ", " + key + ": " + value;
        DocumentSnapshot file = runtime.exists() ? readable(runtime) : null;
        if (runtime.exists() && file == null) {
            return null;
        }
        Node block = file == null ? null : prodBlock(file);
        if (block != null) {
            SyntaxTree tree = file.tree();
            for (Node inner : ElixirSyntax.blockStatements(block, false)) {
                List<Node> arguments = ElixirSyntax.arguments(inner);
                List<Node> pairs = ElixirSyntax.keywordPairs(inner);
                if ("config".equals(ElixirSyntax.localCallName(tree, inner)) && arguments.size() == 3
                        && app.equals(ElixirSyntax.atomName(tree, arguments.get(0)))
                        && tree.text(arguments.get(1)).equals(subject) && !pairs.isEmpty()) {
                    return appendPair(file, inner, pairs, key, value);
                }
            }
        }
        return insertIntoProdBlock(runtime, line);
    }

    /**
     * Adds {@code key: value} after the last of {@code pairs} (the keyword pairs written in {@code call}): on a line
     * of its own, indented like the first pair, when the first pair starts its line; else on the same line.
     */
    public static Fix.Edit appendPair(DocumentSnapshot file, Node call, List<Node> pairs, String key, String value) {
        SyntaxTree tree = file.tree();
        String text = file.text().text();
        int at = tree.endOffset(pairs.get(pairs.size() - 1));
        int firstStart = tree.startOffset(pairs.get(0));
        int lineStart = lineStart(text, firstStart);
        boolean ownLine = text.substring(lineStart, firstStart).isBlank() && lineStart > tree.startOffset(call);
        String addition = ownLine ? ",\n" + text.substring(lineStart, firstStart) + key + ": " + value
                : ", " + key + ": " + value;
        return new Fix.Edit(file, at, at, addition);
    }

    /**
     * Inserts {@code code} (written as at top level) on the lines above {@code statement}, indented like it; null
     * when the statement does not start its line.
     */
    public static Fix.Edit insertAbove(DocumentSnapshot file, Node statement, String code) {
        String text = file.text().text();
        int start = file.tree().startOffset(statement);
        int at = lineStart(text, start);
        String indent = text.substring(at, start);
        if (!indent.isBlank()) {
            return null;
        }
        return new Fix.Edit(file, at, at, indent(code, indent) + "\n" + (isBlankLineBefore(text, at) ? "\n" : ""));
    }

    /**
     * Adds {@code code} at top level right after {@code import Config} of {@code runtime.exs}, where every
     * environment evaluates it (creating the file when missing). Null for {@code releases.exs}, which dev and test
     * never read, and when the file has no {@code import Config} line.
     */
    public static Fix.Change insertForEveryEnvironment(RuntimeConfig runtime, String code) {
        if (runtime.isReleasesExs()) {
            return null;
        }
        if (!runtime.exists()) {
            return new Fix.CreateFile(runtime.path(), "import Config\n\n" + code + "\n");
        }
        DocumentSnapshot file = readable(runtime);
        if (file == null) {
            return null;
        }
        SyntaxTree tree = file.tree();
        String text = file.text().text();
        for (Node statement : tree.statements()) {
            Deadline.check();
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if ("import".equals(ElixirSyntax.localCallName(tree, statement)) && arguments.size() == 1
                    && tree.text(arguments.get(0)).equals("Config")) {
                int lineEnd = text.indexOf('\n', tree.endOffset(statement));
                if (lineEnd < 0) {
                    return new Fix.Edit(file, text.length(), text.length(), "\n\n" + code + "\n");
                }
                int at = lineEnd + 1;
                boolean blankAfter = at >= text.length() || text.charAt(at) == '\n';
                return new Fix.Edit(file, at, at, "\n" + code + "\n" + (blankAfter ? "" : "\n"));
            }
        }
        return null;
    }

    /**
     * Whether {@link #insertIntoProdBlock} puts code under {@code if config_env() == :prod}, rather than at the top
     * level of a {@code releases.exs} that may run without {@code config_env()}.
     */
    public static boolean hasProdBlock(RuntimeConfig runtime) {
        DocumentSnapshot file = runtime.exists() ? readable(runtime) : null;
        return runtime.hasConfigEnv() || file != null && prodBlock(file) != null;
    }

    /** Appends {@code code} at the end of a config file, a blank line apart from what is there. */
    public static Fix.Edit append(DocumentSnapshot file, String code) {
        String text = file.text().text();
        String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        return new Fix.Edit(file, text.length(), text.length(), separator + code);
    }

    /** Replaces a value (an expression node of a config file) with {@code replacement}. */
    public static Fix.Edit replaceValue(DocumentSnapshot file, Node value, String replacement) {
        SyntaxTree tree = file.tree();
        return new Fix.Edit(file, tree.startOffset(value), tree.endOffset(value), replacement);
    }

    /**
     * The lines of a statement with the comment lines right above it, as top-level code ready to insert elsewhere;
     * null when the statement shares a line with other code or holds a plain string spanning lines (its content
     * would change when re-indented).
     */
    public static Moved move(DocumentSnapshot file, Node statement) {
        return move(file, statement, null, null);
    }

    /** {@link #move(DocumentSnapshot, Node)} with {@code replaced} (a node inside the statement) rewritten. */
    public static Moved move(DocumentSnapshot file, Node statement, Node replaced, String replacement) {
        SyntaxTree tree = file.tree();
        if (hasMultilineString(tree, statement)) {
            return null;
        }
        String text = file.text().text();
        int start = tree.startOffset(statement);
        int end = tree.endOffset(statement);
        int lineStart = lineStart(text, start);
        int lineEnd = text.indexOf('\n', end);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        String trailing = text.substring(end, lineEnd).strip();
        if (!text.substring(lineStart, start).isBlank() || !trailing.isEmpty() && !trailing.startsWith("#")) {
            return null;
        }
        int from = lineStart;
        while (from > 0) {
            int previous = lineStart(text, from - 1);
            if (!text.substring(previous, from).strip().startsWith("#")) {
                break;
            }
            from = previous;
        }
        String code = replaced == null ? text.substring(from, lineEnd) : text.substring(from, tree.startOffset(replaced))
                + replacement + text.substring(tree.endOffset(replaced), lineEnd);
        return new Moved(dedent(code), removeLines(file, from, lineEnd));
    }

    /**
     * Takes one setting out of its call: the pair with the comma before (or after) it; a pair alone in a nested
     * list takes the enclosing pair with it; a pair alone in the call takes the whole call. Null when the call
     * shares its lines with other code.
     */
    public static List<Fix.Edit> removeSetting(ConfigCall call, ConfigEntry entry) {
        DocumentSnapshot file = call.file();
        SyntaxTree tree = file.tree();
        ConfigEntry target = entry;
        while (target.siblings().size() == 1 && target.parent() != null) {
            target = target.parent();
        }
        if (target.siblings().size() == 1) {
            Moved whole = move(file, call.call());
            return whole == null ? null : List.of(whole.removal());
        }
        int position = target.siblings().indexOf(target.pair());
        Node pair = target.pair();
        if (position > 0) {
            Node previous = target.siblings().get(position - 1);
            return List.of(new Fix.Edit(file, tree.endOffset(previous), tree.endOffset(pair), ""));
        }
        return List.of(new Fix.Edit(file, tree.startOffset(pair), tree.startOffset(target.siblings().get(1)), ""));
    }

    /**
     * {@code config :app, Subject, outer: [key: value]}: a call that sets only the entry's key path, which
     * {@code Config} deep-merges into what the call set before.
     */
    public static String settingCode(ConfigCall call, ConfigEntry entry, String value) {
        SyntaxTree tree = call.tree();
        List<Node> arguments = ElixirSyntax.arguments(call.call());
        StringBuilder text = new StringBuilder("config ").append(tree.text(arguments.get(0)));
        if (call.subject() != null) {
            text.append(", ").append(tree.text(arguments.get(1)));
        }
        List<String> keys = entry.keys();
        String nested = value;
        for (int i = keys.size() - 1; i >= 0; i--) {
            String pair = keys.get(i) + ": " + nested;
            nested = i == 0 ? pair : "[" + pair + "]";
        }
        return text.append(", ").append(nested).toString();
    }

    /**
     * A statement taken out of its file.
     *
     * @param code    its lines (and the comments above it) as top-level code
     * @param removal the edit that takes them out without leaving a pile of blank lines
     */
    public record Moved(String code, Fix.Edit removal) {
    }

    // ---------------------------------------------------------------- the prod block

    /** Inserts at the end of the file's prod-only block, or null when it has none fit for it. */
    private static Fix.Edit intoExistingProdBlock(DocumentSnapshot file, String code) {
        Node block = prodBlock(file);
        if (block == null) {
            return null;
        }
        SyntaxTree tree = file.tree();
        String text = file.text().text();
        List<Node> children = block.children();
        int endOffset = tree.startOffset(children.get(children.size() - 1));
        int at = lineStart(text, endOffset);
        List<Node> inside = ElixirSyntax.blockStatements(block, false);
        String indent = text.substring(at, endOffset) + "  ";
        if (!inside.isEmpty()) {
            int first = tree.startOffset(inside.get(0));
            String firstIndent = text.substring(lineStart(text, first), first);
            indent = firstIndent.isBlank() && !firstIndent.isEmpty() ? firstIndent : indent;
        }
        String separator = inside.isEmpty() || isBlankLineBefore(text, at) ? "" : "\n";
        return new Fix.Edit(file, at, at, separator + indent(code, indent) + "\n");
    }

    /**
     * The do block of the first top-level {@code if} that runs in prod only (true for prod, false for dev and
     * test), without an else branch and with its {@code end} on a line of its own; null when there is none.
     */
    private static Node prodBlock(DocumentSnapshot file) {
        SyntaxTree tree = file.tree();
        String text = file.text().text();
        for (Node statement : tree.statements()) {
            Deadline.check();
            Node block = ElixirSyntax.doBlock(statement);
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (!"if".equals(ElixirSyntax.localCallName(tree, statement)) || block == null || arguments.size() != 1
                    || block.firstOfType("else_block") != null || !prodOnly(tree, arguments.get(0))) {
                continue;
            }
            List<Node> children = block.children();
            Node end = children.get(children.size() - 1);
            int endOffset = tree.startOffset(end);
            if (tree.text(end).equals("end") && text.substring(lineStart(text, endOffset), endOffset).isBlank()
                    && lineStart(text, endOffset) > tree.startOffset(statement)) {
                return block;
            }
        }
        return null;
    }

    private static boolean prodOnly(SyntaxTree tree, Node condition) {
        return EnvCondition.evaluate(tree, condition, "prod") == Truth.TRUE
                && EnvCondition.evaluate(tree, condition, "dev") == Truth.FALSE
                && EnvCondition.evaluate(tree, condition, "test") == Truth.FALSE;
    }

    private static DocumentSnapshot readable(RuntimeConfig runtime) {
        DocumentSnapshot file = runtime.file();
        return file == null || !file.isParsed() || file.tree().hasErrors() ? null : file;
    }

    // ---------------------------------------------------------------- text

    /** What goes between a file's text and a new paragraph appended to it. */
    private static String paragraphSeparator(String text) {
        return text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
    }

    /** Removes lines {@code [start, end)} (end at a newline or the end of the text) without leaving a blank pile. */
    private static Fix.Edit removeLines(DocumentSnapshot file, int start, int end) {
        String text = file.text().text();
        int from = start;
        int to = end < text.length() ? end + 1 : end;
        if (from == 0 || isBlankLineBefore(text, from)) {
            while (to < text.length()) {
                int next = text.indexOf('\n', to);
                int lineEnd = next < 0 ? text.length() : next + 1;
                if (!text.substring(to, lineEnd).isBlank()) {
                    break;
                }
                to = lineEnd;
            }
            if (to == text.length()) {
                // Nothing follows: drop the blank lines before as well, keeping the final newline.
                while (from > 0 && isBlankLineBefore(text, from)) {
                    from = lineStart(text, from - 1);
                }
            }
        }
        return new Fix.Edit(file, from, to, "");
    }

    /** Whether the line ending just before {@code offset} (a line start) is blank. */
    private static boolean isBlankLineBefore(String text, int offset) {
        return offset > 0 && text.substring(lineStart(text, offset - 1), offset).isBlank();
    }

    private static int lineStart(String text, int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** Lines moved left by their common indentation (blank lines emptied, trailing spaces dropped). */
    public static String dedent(String code) {
        String[] lines = code.split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                common = Math.min(common, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            if (!lines[i].isBlank()) {
                out.append(lines[i].substring(common).stripTrailing());
            }
        }
        return out.toString();
    }

    /** Each non-blank line prefixed with {@code indent}. */
    private static String indent(String code, String indent) {
        StringBuilder out = new StringBuilder();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            if (!lines[i].isBlank()) {
                out.append(indent).append(lines[i]);
            }
        }
        return out.toString();
    }

    /** A plain string spanning lines would change its content when re-indented (heredocs strip indentation). */
    private static boolean hasMultilineString(SyntaxTree tree, Node statement) {
        boolean[] found = {false};
        statement.forEachDescendant(node -> {
            if ((node.is("string") || node.is("charlist")) && !found[0]) {
                String text = tree.text(node);
                found[0] = text.contains("\n") && !text.startsWith("\"\"\"") && !text.startsWith("'''");
            }
        });
        return found[0];
    }
}
