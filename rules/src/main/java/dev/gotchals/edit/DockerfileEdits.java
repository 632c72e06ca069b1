package dev.gotchals.edit;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Fix;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/** The edits fixes make to a Dockerfile: inserting an instruction where it belongs, replacing part of one. */
public final class DockerfileEdits {
    private DockerfileEdits() {
    }

    /** Inserts {@code line} (an instruction) on its own line before {@code instruction}, with its indentation. */
    public static Fix.Edit insertBefore(DocumentSnapshot file, Instruction instruction, String line) {
        String text = file.text().text();
        int start = instruction.tree().startOffset(instruction.node());
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String before = text.substring(lineStart, start);
        return new Fix.Edit(file, lineStart, lineStart, (before.isBlank() ? before : "") + line + "\n");
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
}
