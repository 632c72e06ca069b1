package dev.gotchals.docker;

import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.shell.Word;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One Dockerfile instruction. RUN, CMD and ENTRYPOINT come in shell form ({@code RUN mix release}) or exec form
 * ({@code CMD ["/app/bin/server"]}); ENV and ARG carry name/value pairs. The command line is parsed once, on first
 * use: the deployment model asks for it many times, and a RUN line can be megabytes long.
 */
public final class Instruction {
    private final String keyword;
    private final Node node;
    private final SyntaxTree tree;
    private List<SimpleCommand> commandLine;
    private List<SimpleCommand> runs;

    /**
     * @param keyword the instruction in upper case ("RUN", "FROM", "ENV" …)
     * @param node    the instruction's node, for locating findings and edits
     */
    private Instruction(String keyword, Node node, SyntaxTree tree) {
        this.keyword = keyword;
        this.node = node;
        this.tree = tree;
    }

    static Instruction of(SyntaxTree tree, Node node) {
        String type = node.type();
        String keyword = type.endsWith("_instruction")
                ? type.substring(0, type.length() - "_instruction".length()).toUpperCase(Locale.ROOT) : type;
        return new Instruction(keyword, node, tree);
    }

    public String keyword() {
        return keyword;
    }

    public Node node() {
        return node;
    }

    public SyntaxTree tree() {
        return tree;
    }

    public boolean is(String instruction) {
        return keyword.equals(instruction);
    }

    public String text() {
        return tree.text(node);
    }

    /** The strings of an exec-form array, or null for the shell form. */
    public List<String> execForm() {
        Node array = node.firstOfType("json_string_array");
        if (array == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (Node item : array.namedChildren()) {
            items.add(unquote(tree.text(item)));
        }
        return items;
    }

    /** The command line of a shell-form RUN/CMD/ENTRYPOINT (continuations kept as written), or null. */
    public String shellForm() {
        Node shell = node.firstOfType("shell_command");
        return shell == null ? null : tree.text(shell);
    }

    /**
     * The command line as written, words at their offsets in the Dockerfile: an exec-form array is one command, a
     * shell-form line is parsed as shell (each command carrying the variables the line set before it).
     */
    public synchronized List<SimpleCommand> commandLine() {
        if (commandLine == null) {
            commandLine = parseCommandLine();
        }
        return commandLine;
    }

    private List<SimpleCommand> parseCommandLine() {
        Node array = node.firstOfType("json_string_array");
        if (array != null) {
            List<Word> words = new ArrayList<>();
            for (Node item : array.namedChildren()) {
                words.add(new Word(unquote(tree.text(item)), tree.startOffset(item), tree.endOffset(item), true));
            }
            return List.of(new SimpleCommand(Map.of(), List.copyOf(words), tree.startOffset(array), tree.endOffset(array)));
        }
        Node shell = node.firstOfType("shell_command");
        if (shell == null) {
            return List.of();
        }
        ShellScript script = ShellScript.parse(tree.text(shell), tree.startOffset(shell));
        return script.commands().stream().map(script::withVariablesBefore).toList();
    }

    /** The commands this instruction really runs, wrappers ({@code tini --}, {@code sh -c}) seen through. */
    public synchronized List<SimpleCommand> runs() {
        if (runs == null) {
            List<SimpleCommand> unwrapped = new ArrayList<>();
            for (SimpleCommand command : commandLine()) {
                unwrapped.addAll(CommandWrappers.unwrap(command));
            }
            runs = List.copyOf(unwrapped);
        }
        return runs;
    }

    /** A name/value pair of ENV or ARG; {@code value} is null for {@code ARG NAME} without a default. */
    public record Variable(String name, String value, Node nameNode, Node valueNode) {
    }

    public List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        if (is("ENV")) {
            for (Node pair : node.namedChildren()) {
                if (pair.is("env_pair")) {
                    Node name = pair.child("name");
                    Node value = pair.child("value");
                    variables.add(new Variable(name == null ? "" : tree.text(name),
                            value == null ? null : unquote(tree.text(value)), name, value));
                }
            }
        } else if (is("ARG")) {
            Node name = node.child("name");
            Node value = node.child("default");
            variables.add(new Variable(name == null ? "" : tree.text(name),
                    value == null ? null : unquote(tree.text(value)), name, value));
        }
        return variables;
    }

    static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"");
        }
        return text;
    }

    /** The same instruction: the same node of the same tree (what a record's equality gave). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Instruction that && keyword.equals(that.keyword) && node.equals(that.node)
                && tree.equals(that.tree);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyword, node, tree);
    }

    @Override
    public String toString() {
        return keyword + " at byte " + node.startByte();
    }
}
