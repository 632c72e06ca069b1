package dev.gotchals.docker;

import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.shell.Word;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.RecentTexts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One Dockerfile instruction. RUN, CMD and ENTRYPOINT come in shell form ({@code RUN mix release}) or exec form
 * ({@code CMD ["/app/bin/server"]}); ENV and ARG carry name/value pairs. What the model asks of an instruction again
 * and again (its text, variables and commands) is read once, on first use: a Dockerfile can have thousands of
 * instructions, and a RUN line can be megabytes long. Its commands are even read once per text, not per analysis.
 */
public final class Instruction {
    /**
     * Command lines read before, by the instruction's text, at offsets from its start: an edit reparses the whole
     * Dockerfile, and every instruction but the edited one comes back with its text unchanged, only moved. Bounds as
     * for the shell scripts parsed before.
     */
    private static final RecentTexts<CommandLine> COMMAND_LINES = new RecentTexts<>(32_768, 4L * 1024 * 1024);
    /** Keywords by node type: thousands of instructions are read per analysis, of a few dozen types. */
    private static final Map<String, String> KEYWORDS = new ConcurrentHashMap<>();
    /** The settings of ENV and ARG instructions read before, by text, bounded alike. */
    private static final RecentTexts<List<Setting>> SETTINGS = new RecentTexts<>(32_768, 4L * 1024 * 1024);

    private final String keyword;
    private final Node node;
    private final SyntaxTree tree;
    /** Whether what is read from the text may be shared by text: not for a tree with errors (see {@link #of}). */
    private final boolean shareable;
    private String text;
    private List<Variable> variables;
    private List<SimpleCommand> commandLine;
    private List<SimpleCommand> runs;
    private CommandLine commands;
    private List<Setting> settings;
    private TextReading reading;

    /**
     * @param keyword the instruction in upper case ("RUN", "FROM", "ENV" …)
     * @param node    the instruction's node, for locating findings and edits
     */
    private Instruction(String keyword, Node node, SyntaxTree tree, boolean shareable) {
        this.keyword = keyword;
        this.node = node;
        this.tree = tree;
        this.shareable = shareable;
    }

    /**
     * @param shareable whether the tree parsed without errors: error recovery depends on the text around an
     *                  instruction, so only then does the same text always read the same
     */
    static Instruction of(SyntaxTree tree, Node node, boolean shareable) {
        return new Instruction(KEYWORDS.computeIfAbsent(node.type(), Instruction::keyword), node, tree, shareable);
    }

    /** Interned, so that {@link #is} with a literal keyword is an identity check (it is asked of every instruction). */
    private static String keyword(String type) {
        return (type.endsWith("_instruction")
                ? type.substring(0, type.length() - "_instruction".length()).toUpperCase(Locale.ROOT) : type).intern();
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

    /** The instruction as written, read once: the model asks for it often, of thousands of instructions. */
    public synchronized String text() {
        if (text == null) {
            text = reading().text(() -> tree.text(node));
        }
        return text;
    }

    /** What the instruction says by its text, kept with its node (see {@link TextReading}). */
    private synchronized TextReading reading() {
        if (reading == null) {
            reading = node.textReading(TextReading.class, TextReading::new);
        }
        return reading;
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
            commandLine = moved(read().written());
        }
        return commandLine;
    }

    /** The commands this instruction really runs, wrappers ({@code tini --}, {@code sh -c}) seen through. */
    public synchronized List<SimpleCommand> runs() {
        if (runs == null) {
            runs = moved(read().runs());
        }
        return runs;
    }

    /**
     * The commands this instruction really runs, at offsets from its own start: for questions about their words, not
     * their places. Scans of every RUN of a long Dockerfile ask this, which is shared by every instruction of the same
     * text instead of moved to where each stands ({@link #runs}).
     */
    public synchronized List<SimpleCommand> runsByText() {
        return read().runs();
    }

    /**
     * The commands this instruction runs that pass {@code test}, at their places in the Dockerfile: {@code test} is
     * asked of the commands read for the text ({@link #runsByText}), and only those that pass are moved here.
     */
    public List<SimpleCommand> runsWhere(Predicate<SimpleCommand> test) {
        List<SimpleCommand> byText = runsByText();
        List<SimpleCommand> passing = new ArrayList<>();
        for (int i = 0; i < byText.size(); i++) {
            if (test.test(byText.get(i))) {
                passing.add(runs().get(i));
            }
        }
        return passing;
    }

    /**
     * Whether one of the commands it runs is Mix ({@link SimpleCommand#isMix}), read once per text: scans of every
     * RUN of a long Dockerfile for Mix tasks pass over the others without reading their commands.
     */
    public boolean runsMix() {
        return read().runsMix();
    }

    /** The commands of the instruction, written and run, at offsets from its start; whether one run is Mix. */
    private record CommandLine(List<SimpleCommand> written, List<SimpleCommand> runs, boolean runsMix) {
    }

    private CommandLine read() {
        if (commands == null) {
            commands = readByText(COMMAND_LINES, Instruction::readCommandLine);
        }
        return commands;
    }

    /**
     * What {@code reader} reads from this instruction, read once for its node and the copies of it that edits move
     * (see {@link TextReading}), and taken from {@code cache} when an instruction of the same text was read before.
     * {@code reader} must read what depends on the text alone (offsets counted from the instruction's start) and
     * always with the same cache; an instruction of a tree with errors is not looked up by its text.
     */
    @SuppressWarnings("unchecked")
    public <V> V readByText(RecentTexts<V> cache, Function<Instruction, V> reader) {
        TextReading reading = reading();
        V read = (V) reading.get(cache);
        if (read != null) {
            return read;
        }
        if (!shareable) {
            read = reader.apply(this);
        } else {
            String key = text();
            read = cache.get(key);
            if (read == null) {
                read = reader.apply(this);
                cache.put(key, read);
            }
        }
        reading.put(cache, read);
        return read;
    }

    private List<SimpleCommand> moved(List<SimpleCommand> commands) {
        int start = tree.startOffset(node);
        return commands.stream().map(command -> command.movedBy(start)).toList();
    }

    private CommandLine readCommandLine() {
        int start = tree.startOffset(node);
        List<SimpleCommand> written = parseCommandLine(start);
        List<SimpleCommand> unwrapped = new ArrayList<>();
        for (SimpleCommand command : written) {
            unwrapped.addAll(CommandWrappers.unwrap(command));
        }
        return new CommandLine(written, List.copyOf(unwrapped), unwrapped.stream().anyMatch(SimpleCommand::isMix));
    }

    /** The command line with offsets counted from {@code origin}. */
    private List<SimpleCommand> parseCommandLine(int origin) {
        Node array = node.firstOfType("json_string_array");
        if (array != null) {
            List<Word> words = new ArrayList<>();
            for (Node item : array.namedChildren()) {
                words.add(new Word(unquote(tree.text(item)), tree.startOffset(item) - origin,
                        tree.endOffset(item) - origin, true));
            }
            return List.of(new SimpleCommand(Map.of(), List.copyOf(words), tree.startOffset(array) - origin,
                    tree.endOffset(array) - origin));
        }
        Node shell = node.firstOfType("shell_command");
        if (shell == null) {
            return List.of();
        }
        ShellScript script = ShellScript.parse(Continuations.joined(tree.text(shell)), tree.startOffset(shell) - origin);
        return script.commands().stream().map(script::withVariablesBefore).toList();
    }

    /** A name/value pair of ENV or ARG; {@code value} is null for {@code ARG NAME} without a default. */
    public record Variable(String name, String value, Node nameNode, Node valueNode) {
    }

    /** What a {@link Variable} says, without where it stands. */
    public record Setting(String name, String value) {
    }

    /**
     * The name/value pairs an ENV or ARG sets, in the order of {@link #variables}, read once per text: for scans of
     * every ENV of a long Dockerfile that ask names and values, not places.
     */
    public synchronized List<Setting> settings() {
        if (settings == null) {
            settings = !is("ENV") && !is("ARG") ? List.of() : readByText(SETTINGS, instruction -> instruction
                    .variables().stream().map(variable -> new Setting(variable.name(), variable.value())).toList());
        }
        return settings;
    }

    /** The variables an ENV or ARG sets, read once. */
    public synchronized List<Variable> variables() {
        if (variables == null) {
            variables = List.copyOf(readVariables());
        }
        return variables;
    }

    private List<Variable> readVariables() {
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
        return this == other || other instanceof Instruction that && keyword.equals(that.keyword) && node.equals(that.node)
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
