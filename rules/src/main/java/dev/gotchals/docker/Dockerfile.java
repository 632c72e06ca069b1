package dev.gotchals.docker;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * A Dockerfile read into stages. The last stage is what the image runs; earlier stages build.
 *
 * @param globalArgs the ARGs before the first FROM
 */
public record Dockerfile(DocumentSnapshot file, List<Instruction> globalArgs, List<Stage> stages) {

    public static Dockerfile read(DocumentSnapshot file) {
        SyntaxTree tree = file.tree();
        List<Instruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        if (tree == null) {
            return new Dockerfile(file, List.of(), List.of());
        }
        boolean shareable = !tree.hasErrors();
        Instruction from = null;
        List<Instruction> current = null;
        List<String> comments = null;
        for (Node statement : tree.statements()) {
            if (from != null && statement.is("comment") && aloneOnItsLine(tree, statement)) {
                comments.add(tree.text(statement));
            }
            if (!statement.isNamed() || !statement.type().endsWith("_instruction")) {
                continue;
            }
            Instruction instruction = Instruction.of(tree, statement, shareable);
            if (instruction.is("FROM")) {
                if (from != null) {
                    stages.add(stage(stages.size(), from, current, comments));
                }
                from = instruction;
                current = new ArrayList<>();
                comments = new ArrayList<>();
            } else if (from == null) {
                if (instruction.is("ARG")) {
                    globalArgs.add(instruction);
                }
            } else {
                current.add(instruction);
            }
        }
        if (from != null) {
            stages.add(stage(stages.size(), from, current, comments));
        }
        return new Dockerfile(file, List.copyOf(globalArgs), List.copyOf(stages));
    }

    private static Stage stage(int index, Instruction from, List<Instruction> instructions, List<String> comments) {
        SyntaxTree tree = from.tree();
        Node spec = from.node().firstOfType("image_spec");
        Node alias = from.node().child("as");
        return new Stage(index, spec == null ? "" : tree.text(spec), alias == null ? null : tree.text(alias),
                from, List.copyOf(instructions), List.copyOf(comments));
    }

    /** Docker reads a {@code #} as a comment only at the start of a line; elsewhere it is an argument. */
    private static boolean aloneOnItsLine(SyntaxTree tree, Node comment) {
        String text = tree.text().text();
        for (int i = tree.startOffset(comment) - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The stage the container runs, or null for a file without FROM. */
    public Stage finalStage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    /** The stage named {@code alias} (case-insensitive, as Docker matches them), or null. */
    public Stage stage(String alias) {
        for (Stage stage : stages) {
            if (stage.alias() != null && stage.alias().equalsIgnoreCase(alias)) {
                return stage;
            }
        }
        return null;
    }

    /** The stage a stage starts FROM, when that is an earlier stage of this file; else null. */
    public Stage parent(Stage stage) {
        Stage parent = stage(stage.image());
        return parent != null && parent.index() < stage.index() ? parent : null;
    }
}
