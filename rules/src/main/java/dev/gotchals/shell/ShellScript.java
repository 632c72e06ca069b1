package dev.gotchals.shell;

import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.RecentTexts;
import dev.gotchals.text.TextDocument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shell script (a file, a Dockerfile {@code RUN}/{@code CMD} line, a Procfile or fly.toml command) parsed with
 * tree-sitter's bash grammar: its simple commands in the order they are written, wherever they sit ({@code if},
 * {@code &&} chains, loops, subshells), and the variables it sets ({@code X=1}, {@code export X=1}).
 */
public final class ShellScript {
    /** What a parse may take: a real script parses in milliseconds; broken, deeply nested text can take minutes. */
    private static final long PARSE_LIMIT_NANOS = 500_000_000L;
    private static final ShellScript UNREADABLE = new ShellScript(List.of(), List.of(), false);
    /**
     * Scripts parsed before, by text, at offset 0: an edit reparses the Dockerfile, and every one of its command
     * lines but the edited one comes back unchanged, only moved. More than the command lines of any real
     * Dockerfile (a generated 20,000-line one fits), at most about 8 MiB of strings.
     */
    private static final RecentTexts<ShellScript> PARSED = new RecentTexts<>(32_768, 4L * 1024 * 1024);

    private final List<SimpleCommand> commands;
    private final List<Assignment> assignments;
    private final boolean readable;

    /** A variable the script sets for the commands after it, at {@code offset} in the file. */
    public record Assignment(String name, String value, int offset) {
    }

    private ShellScript(List<SimpleCommand> commands, List<Assignment> assignments, boolean readable) {
        this.commands = List.copyOf(commands);
        this.assignments = List.copyOf(assignments);
        this.readable = readable;
    }

    /**
     * Whether the script could be read. One whose parse ran past the limit (a pathological text) has no commands,
     * and the model treats it as a script it cannot follow.
     */
    public boolean readable() {
        return readable;
    }

    /**
     * Parses {@code text}, which starts at char offset {@code base} of its file, so that every offset of the result
     * points into that file.
     */
    public static ShellScript parse(String text, int base) {
        ShellScript parsed = PARSED.get(text);
        if (parsed == null) {
            parsed = parseAtStart(text);
            if (parsed.readable) {
                PARSED.put(text, parsed);
            }
        }
        return parsed.movedBy(base);
    }

    private static ShellScript parseAtStart(String text) {
        // Parsing is shared by every rule that asks, like the parse of a file: off the asking rule's clock, and
        // bounded, since the bash grammar's error recovery is quadratic in the nesting of broken input.
        SyntaxTree tree = Deadline.paused(() -> SyntaxTree.parseWithin(SourceLanguage.BASH, TextDocument.of(text),
                PARSE_LIMIT_NANOS));
        if (tree == null) {
            return UNREADABLE;
        }
        List<SimpleCommand> commands = new ArrayList<>();
        List<Assignment> assignments = new ArrayList<>();
        collect(tree, tree.root(), commands, assignments);
        return new ShellScript(commands, assignments, true);
    }

    /** The same script written {@code delta} chars further into its file. */
    private ShellScript movedBy(int delta) {
        if (delta == 0 || !readable) {
            return this;
        }
        List<SimpleCommand> moved = new ArrayList<>(commands.size());
        commands.forEach(command -> moved.add(command.movedBy(delta)));
        List<Assignment> movedAssignments = new ArrayList<>(assignments.size());
        assignments.forEach(a -> movedAssignments.add(new Assignment(a.name(), a.value(), a.offset() + delta)));
        return new ShellScript(moved, movedAssignments, true);
    }

    public static ShellScript parse(String text) {
        return parse(text, 0);
    }

    private static void collect(SyntaxTree tree, Node node, List<SimpleCommand> commands,
                                List<Assignment> assignments) {
        Deadline.check();
        if (node.is("command")) {
            commands.add(command(tree, node));
            for (Node child : node.namedChildren()) {
                if (!child.is("variable_assignment")) {
                    collect(tree, child, commands, assignments);
                }
            }
            return;
        }
        if (node.is("redirected_statement")) {
            // `ssh host <<EOF … EOF`, `bash <<EOF`: the heredoc is the script the command runs, after the command.
            Node body = node.child("body");
            boolean fedScript = body != null && body.is("command") && runsItsInput(command(tree, body));
            List<Node> heredocs = new ArrayList<>();
            for (Node child : node.namedChildren()) {
                Node heredoc = child.is("heredoc_redirect") ? child.firstOfType("heredoc_body") : null;
                if (fedScript && heredoc != null) {
                    heredocs.add(heredoc);
                } else {
                    collect(tree, child, commands, assignments);
                }
            }
            for (Node heredoc : heredocs) {
                ShellScript fed = parse(tree.text(heredoc), tree.startOffset(heredoc));
                fed.commands.forEach(command -> commands.add(fed.withVariablesBefore(command)));
            }
            return;
        }
        if (node.is("variable_assignment")) {
            Node name = node.child("name");
            Node value = node.child("value");
            if (name != null) {
                assignments.add(new Assignment(tree.text(name), value == null ? "" : Word.unquote(tree.text(value)),
                        tree.startOffset(node)));
            }
            if (value != null) {
                // `export KEY=$(mix phx.gen.secret)`: the substitution's commands run, before the assignment.
                collect(tree, value, commands, assignments);
            }
            return;
        }
        for (Node child : node.namedChildren()) {
            collect(tree, child, commands, assignments);
        }
    }

    private static SimpleCommand command(SyntaxTree tree, Node node) {
        Map<String, String> prefix = new LinkedHashMap<>();
        List<Word> words = new ArrayList<>();
        for (Node child : node.namedChildren()) {
            String field = child.field();
            if (child.is("variable_assignment")) {
                Node name = child.child("name");
                Node value = child.child("value");
                if (name != null) {
                    prefix.put(tree.text(name), value == null ? "" : Word.unquote(tree.text(value)));
                }
            } else if ("name".equals(field) || "argument".equals(field)) {
                String raw = tree.text(child);
                boolean quoted = child.is("string") || child.is("raw_string");
                words.add(new Word(Word.unquote(raw), tree.startOffset(child), tree.endOffset(child),
                        quoted));
            }
        }
        return new SimpleCommand(Collections.unmodifiableMap(prefix), List.copyOf(words),
                tree.startOffset(node), tree.endOffset(node));
    }

    /**
     * Whether a command runs the script it reads on its input: a shell given no script ({@code bash}, {@code sh -s}),
     * or {@code ssh} given a host and no command, which runs it on that host.
     */
    private static boolean runsItsInput(SimpleCommand command) {
        List<Word> words = command.words();
        if (words.isEmpty()) {
            return false;
        }
        String program = command.program();
        if (CommandWrappers.isShell(program)) {
            return words.stream().skip(1).allMatch(word -> word.text().startsWith("-") && !word.text().endsWith("c"));
        }
        return program.equals("ssh") && CommandWrappers.sshRemoteCommand(command) == words.size();
    }

    /** The simple commands in the order they are written. */
    public List<SimpleCommand> commands() {
        return commands;
    }

    /** The commands the script really runs, in order: wrappers ({@code exec}, {@code sh -c}) seen through. */
    public List<SimpleCommand> runs() {
        List<SimpleCommand> runs = new ArrayList<>();
        for (SimpleCommand command : commands) {
            runs.addAll(CommandWrappers.unwrap(withVariablesBefore(command)));
        }
        return runs;
    }

    /** Every variable the script sets outside a single command's prefix, in order. */
    public List<Assignment> assignments() {
        return assignments;
    }

    /** The variables set before {@code offset} (by the script, not by a command's own prefix), last value winning. */
    public Map<String, String> variablesBefore(int offset) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Assignment assignment : assignments) {
            if (assignment.offset() < offset) {
                variables.put(assignment.name(), assignment.value());
            }
        }
        return variables;
    }

    /** {@code command} with the variables the script set before it added to its own, which win. */
    public SimpleCommand withVariablesBefore(SimpleCommand command) {
        Map<String, String> variables = variablesBefore(command.start());
        variables.putAll(command.assignments());
        return new SimpleCommand(Collections.unmodifiableMap(variables), command.words(), command.start(), command.end());
    }
}
