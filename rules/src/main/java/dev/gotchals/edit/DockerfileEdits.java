package dev.gotchals.edit;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Fix;
import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * The edits fixes make to a Dockerfile: inserting an instruction where it belongs, moving or removing one (with the
 * comment lines over it), chaining a command into a RUN, replacing part of one.
 */
public final class DockerfileEdits {
    private DockerfileEdits() {
    }

    /** Inserts {@code line} (an instruction) on its own line before {@code instruction}, with its indentation. */
    public static Fix.Edit insertBefore(DocumentSnapshot file, Instruction instruction, String line) {
        String text = file.text().text();
        int lineStart = lineStart(text, start(instruction));
        return new Fix.Edit(file, lineStart, lineStart, indentation(text, instruction) + line + "\n");
    }

    /** Replaces the text from {@code start} to {@code end} of the Dockerfile (or script) with {@code replacement}. */
    public static Fix.Edit replace(DocumentSnapshot file, int start, int end, String replacement) {
        return new Fix.Edit(file, start, end, replacement);
    }

    /**
     * Sets an environment variable in a stage: {@code ENV NAME=value} after its last ENV (quoted like the values
     * there), else before its first CMD or ENTRYPOINT, else right after its FROM.
     */
    public static Fix.Edit setEnv(DocumentSnapshot file, Stage stage, String name, String value) {
        SyntaxTree tree = file.tree();
        List<Instruction> envs = stage.all("ENV");
        if (!envs.isEmpty()) {
            Instruction last = envs.get(envs.size() - 1);
            boolean quoted = last.variables().stream().anyMatch(variable -> variable.valueNode() != null
                    && tree.text(variable.valueNode()).startsWith("\"") && last.text().contains(variable.name() + "="));
            int at = tree.endOffset(last.node());
            return new Fix.Edit(file, at, at, "\nENV " + name + (quoted ? "=\"" + value + "\"" : "=" + value));
        }
        List<Instruction> starts = new ArrayList<>(stage.all("ENTRYPOINT"));
        starts.addAll(stage.all("CMD"));
        if (!starts.isEmpty()) {
            int at = starts.stream().mapToInt(instruction -> tree.startOffset(instruction.node())).min().getAsInt();
            return new Fix.Edit(file, at, at, "ENV " + name + "=" + value + "\n\n");
        }
        int at = tree.endOffset(stage.from().node());
        return new Fix.Edit(file, at, at, "\nENV " + name + "=" + value);
    }

    /** Inserts instructions on lines of their own above {@code instruction} and the comment lines over it. */
    public static Fix.Edit insertAbove(DocumentSnapshot file, Instruction instruction, List<String> lines) {
        String text = file.text().text();
        int at = commentedStart(text, instruction);
        return new Fix.Edit(file, at, at, indented(text, instruction, lines));
    }

    /** Inserts {@code line} (an instruction) on a line of its own after {@code instruction}, indented like it. */
    public static Fix.Edit insertAfter(DocumentSnapshot file, Instruction instruction, String line) {
        String text = file.text().text();
        int lineEnd = text.indexOf('\n', end(instruction));
        String indented = indentation(text, instruction) + line;
        return lineEnd < 0 ? new Fix.Edit(file, text.length(), text.length(), "\n" + indented + "\n")
                : new Fix.Edit(file, lineEnd + 1, lineEnd + 1, indented + "\n");
    }

    /**
     * Moves {@code moved} with the comment lines over it above {@code target} and its comment lines, after
     * {@code lines} (new instructions indented like the target).
     */
    public static List<Fix.Change> moveAbove(DocumentSnapshot file, Instruction moved, Instruction target,
                                           List<String> lines) {
        String text = file.text().text();
        int at = commentedStart(text, target);
        String block = text.substring(commentedStart(text, moved), end(moved));
        return List.of(new Fix.Edit(file, at, at, indented(text, target, lines) + block + "\n"), remove(file, moved));
    }

    /** Removes an instruction with the comment lines over it, and one of the two blank lines that would meet. */
    public static Fix.Edit remove(DocumentSnapshot file, Instruction instruction) {
        String text = file.text().text();
        int start = commentedStart(text, instruction);
        int end = end(instruction);
        end = end < text.length() && text.charAt(end) == '\n' ? end + 1 : end;
        boolean blankBefore = start >= 2 && text.charAt(start - 1) == '\n' && text.charAt(start - 2) == '\n';
        boolean blankAfter = end >= text.length() || text.charAt(end) == '\n';
        return new Fix.Edit(file, blankBefore && blankAfter ? start - 1 : start, end, "");
    }

    /**
     * Inserts {@code inserted} as a command of a shell-form line right before {@code command}, chained with
     * {@code &&} the way the line chains its commands: on a continuation line of its own, or inline.
     */
    public static Fix.Edit chainBefore(DocumentSnapshot file, SimpleCommand command, String inserted) {
        String text = file.text().text();
        int at = command.start();
        String prefix = text.substring(lineStart(text, at), at);
        String insert;
        if (prefix.isBlank()) {
            insert = inserted + " && \\\n" + prefix;
        } else if (prefix.strip().equals("&&") || prefix.strip().equals(";")) {
            insert = inserted + " \\\n" + prefix;
        } else {
            insert = inserted + " && ";
        }
        return new Fix.Edit(file, at, at, insert);
    }

    /**
     * Removes the command of a RUN line that runs {@code command}, with the operator that joins it to the others;
     * null when it is the line's only command or runs more than that command.
     */
    public static Fix.Edit removeCommand(DocumentSnapshot file, Instruction run, SimpleCommand command) {
        List<SimpleCommand> line = run.commandLine();
        for (int k = 0; k < line.size(); k++) {
            SimpleCommand written = line.get(k);
            if (command.start() >= written.start() && command.start() < written.end()) {
                if (line.size() < 2 || CommandWrappers.unwrap(written).size() != 1) {
                    return null;
                }
                return k > 0 ? new Fix.Edit(file, line.get(k - 1).end(), written.end(), "")
                        : new Fix.Edit(file, written.start(), line.get(1).start(), "");
            }
        }
        return null;
    }

    private static String indented(String text, Instruction instruction, List<String> lines) {
        String indentation = indentation(text, instruction);
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(indentation).append(line).append('\n'));
        return out.toString();
    }

    /** Where the instruction's line starts, above the comment lines directly over it. */
    private static int commentedStart(String text, Instruction instruction) {
        int at = lineStart(text, start(instruction));
        while (at > 0) {
            int previous = lineStart(text, at - 1);
            if (!text.substring(previous, at).strip().startsWith("#")) {
                break;
            }
            at = previous;
        }
        return at;
    }

    /** The blanks before the instruction on its line, or "" when something else is written there. */
    private static String indentation(String text, Instruction instruction) {
        String before = text.substring(lineStart(text, start(instruction)), start(instruction));
        return before.isBlank() ? before : "";
    }

    private static int lineStart(String text, int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    private static int start(Instruction instruction) {
        return instruction.tree().startOffset(instruction.node());
    }

    private static int end(Instruction instruction) {
        return instruction.tree().endOffset(instruction.node());
    }
}
