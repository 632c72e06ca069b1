package dev.gotchals.model.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * YAML-shaped text read by its indentation: Helm templates and GitHub workflows hold directives and expressions that
 * are not YAML, but the keys the model reads sit on plain lines, with their values in the lines indented below.
 */
final class IndentedLines {
    private IndentedLines() {
    }

    /** The number of spaces a line starts with. */
    static int indentOf(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        return indent;
    }

    /** The lines after {@code lines[key]} indented deeper than {@code indent}, blank ones included: the key's block. */
    static List<String> blockBelow(String[] lines, int key, int indent) {
        List<String> block = new ArrayList<>();
        for (int i = key + 1; i < lines.length && (lines[i].isBlank() || indentOf(lines[i]) > indent); i++) {
            block.add(lines[i]);
        }
        return block;
    }
}
