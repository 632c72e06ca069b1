package dev.gotchals.shell;

import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.RecentTexts;
import dev.gotchals.text.TextDocument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell script (a file, a Dockerfile {@code RUN}/{@code CMD} line, a Procfile or fly.toml command) parsed with
 * tree-sitter's bash grammar: its simple commands in the order they are written, wherever they sit ({@code if},
 * {@code &&} chains, loops, subshells), and the variables it sets ({@code X=1}, {@code export X=1}).
 */
public final class ShellScript {
    /** What a parse may take: a real script parses in milliseconds; broken, deeply nested text can take minutes. */
    private static final long PARSE_LIMIT_NANOS = 500_000_000L;
    /** {@code ${1:-start}} or {@code ${1-start}}: the first argument, else a default word. */
    private static final Pattern FIRST_ARGUMENT_OR = Pattern.compile("\\$\\{1:?-[^}]*}");
    private static final ShellScript UNREADABLE = new ShellScript(List.of(), List.of(), List.of(), List.of(), false);
    /**
     * Scripts parsed before, by text, at offset 0: an edit reparses the Dockerfile, and every one of its command
     * lines but the edited one comes back unchanged, only moved. More than the command lines of any real
     * Dockerfile (a generated 20,000-line one fits), at most about 8 MiB of strings.
     */
    private static final RecentTexts<ShellScript> PARSED = new RecentTexts<>(32_768, 4L * 1024 * 1024);

    private final List<SimpleCommand> commands;
    private final List<Assignment> assignments;
    private final List<ArgumentBranch> argumentBranches;
    /** The spans of the statements written at the top of the script that run whatever happens before them. */
    private final List<int[]> unconditional;
    private final boolean readable;

    /** A variable the script sets for the commands after it, at {@code offset} in the file. */
    public record Assignment(String name, String value, int offset) {
    }

    /**
     * A stretch of the script that runs only for some first argument ({@code if [ "$1" = 'mix' ]; then …},
     * {@code case "$1" in mix) …}), or, where {@code variable} is set, for some value of that variable
     * ({@code if [ "$MIX_ENV" = "prod" ]; then … else … fi}): {@code word}'s branch, or, where {@code word} is null, a
     * default item ({@code *)}) or an else, which runs for any word but {@code others}.
     */
    private record ArgumentBranch(int start, int end, String word, Set<String> others, String variable) {
        ArgumentBranch(int start, int end, String word, Set<String> others) {
            this(start, end, word, others, null);
        }

        /** Whether the stretch runs when the script's first argument (or its variable) is {@code first}. */
        boolean runsFor(String first) {
            return word != null ? word.equals(first) : !others.contains(first);
        }

        /** Whether the branch tests the first argument, not a variable ({@code if [ "$MIX_ENV" = prod ]}). */
        boolean onFirstArgument() {
            return variable == null;
        }
    }

    /** A variable a test compares with a word: {@code [ "${MIX_ENV}" == "prod" ]} ({@code equal}) or {@code !=}. */
    private record VariableTest(String variable, String word, boolean equal) {
    }

    /** {@code $NAME}, {@code ${NAME}}, quoted or not: a variable other than the positional ones. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private ShellScript(List<SimpleCommand> commands, List<Assignment> assignments,
                        List<ArgumentBranch> argumentBranches, List<int[]> unconditional, boolean readable) {
        this.commands = List.copyOf(commands);
        this.assignments = List.copyOf(assignments);
        this.argumentBranches = List.copyOf(argumentBranches);
        this.unconditional = List.copyOf(unconditional);
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
        List<ArgumentBranch> branches = new ArrayList<>();
        argumentBranches(tree, tree.root(), branches);
        return new ShellScript(commands, assignments, branches, unconditionalStatements(tree), true);
    }

    /**
     * The top-level statements that run unless an earlier one ended the script: plain commands and chains of
     * {@code &&}, not a branch, loop, function or {@code ||} alternative.
     */
    private static List<int[]> unconditionalStatements(SyntaxTree tree) {
        List<int[]> spans = new ArrayList<>();
        for (Node statement : tree.root().namedChildren()) {
            Node body = statement.is("redirected_statement") ? statement.child("body") : statement;
            boolean plain = body != null && (body.is("command")
                    || body.is("list") && !tree.text(body).contains("||") && onlyCommands(body));
            if (plain) {
                spans.add(new int[] {tree.startOffset(statement), tree.endOffset(statement)});
            }
        }
        return spans;
    }

    private static boolean onlyCommands(Node list) {
        return list.namedChildren().stream().allMatch(child -> child.is("command")
                || child.is("list") && onlyCommands(child));
    }

    /**
     * Whether the command at {@code offset} runs whenever the script runs to that point: it is written at the top of
     * the script, not inside a branch, a loop, a function or after {@code ||}.
     */
    public boolean alwaysRuns(int offset) {
        return unconditional.stream().anyMatch(span -> offset >= span[0] && offset < span[1]);
    }

    /**
     * The word the script's first argument must be for {@code command} to run, from the innermost branch that tests it
     * ({@code if [ "$1" = 'mix' ]; then mix deps.get; …}); null when it runs whatever the argument.
     */
    public String firstArgumentFor(SimpleCommand command) {
        ArgumentBranch innermost = innermostBranch(command);
        return innermost == null ? null : innermost.word();
    }

    /**
     * Whether {@code command} runs when the script's first argument is {@code first}: outside any branch on it, in the
     * branch for that word, or in a {@code case}'s default item when no other item takes the word. False where the
     * innermost branch is another word's, or a default item and the argument is not known.
     */
    public boolean runsForFirstArgument(SimpleCommand command, String first) {
        ArgumentBranch innermost = innermostBranch(command);
        return innermost == null || first != null && innermost.runsFor(first);
    }

    /** Whether {@code command} is in a {@code case}'s default item ({@code *)}) on the first argument. */
    public boolean inDefaultBranch(SimpleCommand command) {
        ArgumentBranch innermost = innermostBranch(command);
        return innermost != null && innermost.word() == null;
    }

    /**
     * Whether {@code command} runs with the variables {@code known} holds: false when it sits in a branch on one of
     * them that their value does not take ({@code if [ "$MIX_ENV" = "prod" ]; then … else mix phx.server; fi} in an
     * image whose {@code ENV MIX_ENV=prod} fixes the value). A variable not known, or not written out, decides nothing.
     */
    public boolean runsWith(SimpleCommand command, Map<String, String> known) {
        for (ArgumentBranch branch : argumentBranches) {
            if (branch.onFirstArgument() || command.start() < branch.start() || command.start() >= branch.end()) {
                continue;
            }
            String value = known.get(branch.variable());
            if (value != null && !value.contains("$") && !branch.runsFor(value)) {
                return false;
            }
        }
        return true;
    }

    private ArgumentBranch innermostBranch(SimpleCommand command) {
        ArgumentBranch innermost = null;
        for (ArgumentBranch branch : argumentBranches) {
            if (branch.onFirstArgument() && command.start() >= branch.start() && command.start() < branch.end()
                    && (innermost == null || branch.start() >= innermost.start())) {
                innermost = branch;
            }
        }
        return innermost;
    }

    /** Finds the branches of {@code if}/{@code elif} tests and {@code case} items on the first argument. */
    private static void argumentBranches(SyntaxTree tree, Node node, List<ArgumentBranch> into) {
        Deadline.check();
        if (node.is("if_statement") || node.is("elif_clause")) {
            List<Node> children = node.namedChildren();
            Node condition = node.is("if_statement") ? node.child("condition")
                    : children.isEmpty() ? null : children.get(0);
            String word = condition == null ? null : firstArgumentTested(tree, condition);
            int end = node.is("if_statement") ? children.stream()
                    .filter(child -> child.is("elif_clause") || child.is("else_clause"))
                    .mapToInt(tree::startOffset).findFirst().orElse(tree.endOffset(node)) : tree.endOffset(node);
            if (word != null) {
                into.add(new ArgumentBranch(tree.endOffset(condition), end, word, Set.of()));
            }
            VariableTest test = word == null && condition != null ? variableTested(tree, condition) : null;
            if (test != null) {
                Set<String> other = Set.of(test.word());
                into.add(test.equal() ? new ArgumentBranch(tree.endOffset(condition), end, test.word(), Set.of(),
                        test.variable()) : new ArgumentBranch(tree.endOffset(condition), end, null, other, test.variable()));
                // Its else (where no elif comes between): the other values.
                List<Node> clauses = node.is("if_statement") ? children.stream()
                        .filter(child -> child.is("elif_clause") || child.is("else_clause")).toList() : List.of();
                if (clauses.size() == 1 && clauses.get(0).is("else_clause")) {
                    Node otherwise = clauses.get(0);
                    into.add(test.equal() ? new ArgumentBranch(tree.startOffset(otherwise), tree.endOffset(otherwise),
                            null, other, test.variable()) : new ArgumentBranch(tree.startOffset(otherwise),
                            tree.endOffset(otherwise), test.word(), Set.of(), test.variable()));
                }
            }
        } else if (node.is("case_statement") && node.child("value") != null
                && isFirstArgument(tree.text(node.child("value")))) {
            Set<String> words = new HashSet<>();
            Node fallback = null;
            for (Node item : node.namedChildren()) {
                Node value = item.is("case_item") ? item.child("value") : null;
                String pattern = value == null ? null : Word.unquote(tree.text(value));
                if (pattern != null && pattern.equals("*")) {
                    fallback = item;
                } else if (value != null && value.is("word") || value != null && value.is("raw_string")) {
                    into.add(new ArgumentBranch(tree.endOffset(value), tree.endOffset(item), pattern, Set.of()));
                    words.add(pattern);
                }
            }
            if (fallback != null) {
                into.add(new ArgumentBranch(tree.endOffset(fallback.child("value")), tree.endOffset(fallback), null,
                        Set.copyOf(words)));
            }
        }
        for (Node child : node.namedChildren()) {
            argumentBranches(tree, child, into);
        }
    }

    /** The word a test compares the first argument with ({@code [ "$1" = 'mix' ]}, {@code [[ $1 == mix ]]}). */
    private static String firstArgumentTested(SyntaxTree tree, Node condition) {
        Node comparison = comparison(condition);
        if (comparison == null) {
            return null;
        }
        String text = tree.text(comparison);
        String left = Word.unquote(tree.text(comparison.child("left")));
        String right = Word.unquote(tree.text(comparison.child("right")));
        boolean equals = text.contains("=") && !text.contains("!=");
        return equals && isFirstArgument(left) && !right.isEmpty() && !right.contains("$") ? right : null;
    }

    /** The variable a test compares with a word ({@code [ "${MIX_ENV}" == "prod" ]}), or null. */
    private static VariableTest variableTested(SyntaxTree tree, Node condition) {
        Node comparison = comparison(condition);
        if (comparison == null) {
            return null;
        }
        Node left = comparison.child("left");
        Node right = comparison.child("right");
        String operator = tree.text(comparison).substring(tree.endOffset(left) - tree.startOffset(comparison),
                tree.startOffset(right) - tree.startOffset(comparison)).strip();
        Matcher variable = VARIABLE.matcher(Word.unquote(tree.text(left)));
        String word = Word.unquote(tree.text(right));
        boolean equal = operator.equals("=") || operator.equals("==");
        if (!variable.matches() || word.isEmpty() || word.contains("$") || !equal && !operator.equals("!=")) {
            return null;
        }
        return new VariableTest(variable.group(1), word, equal);
    }

    /** The one comparison a {@code [ … ]} test holds, with both sides ({@code [ "$1" = 'mix' ]}), or null. */
    private static Node comparison(Node condition) {
        Node comparison = !condition.is("test_command") || condition.namedChildren().size() != 1 ? null
                : condition.namedChildren().get(0);
        return comparison != null && comparison.is("binary_expression") && comparison.child("left") != null
                && comparison.child("right") != null ? comparison : null;
    }

    /** {@code $1}, {@code ${1}}, or {@code ${1:-start}} (the first argument, or a word when there is none). */
    private static boolean isFirstArgument(String text) {
        String unquoted = Word.unquote(text);
        return unquoted.equals("$1") || unquoted.equals("${1}") || FIRST_ARGUMENT_OR.matcher(unquoted).matches();
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
        List<ArgumentBranch> movedBranches = new ArrayList<>(argumentBranches.size());
        argumentBranches.forEach(branch -> movedBranches.add(new ArgumentBranch(branch.start() + delta,
                branch.end() + delta, branch.word(), branch.others(), branch.variable())));
        List<int[]> movedSpans = new ArrayList<>(unconditional.size());
        unconditional.forEach(span -> movedSpans.add(new int[] {span[0] + delta, span[1] + delta}));
        return new ShellScript(moved, movedAssignments, movedBranches, movedSpans, true);
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
