package dev.gotchals.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;

/** A file's change as a unified diff ({@code --- a/path}, {@code +++ b/path}, three lines of context), as git prints. */
final class UnifiedDiff {
    private UnifiedDiff() {
    }

    /** @param before the old text, or null for a file the change creates */
    static List<String> of(String path, String before, String after) {
        List<String> oldLines = before == null ? List.of() : lines(before);
        List<String> newLines = lines(after);
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        List<String> diff = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(
                before == null ? "/dev/null" : "a/" + path, "b/" + path, oldLines, patch, 3));
        if (before == null && diff.size() > 2 && diff.get(2).startsWith("@@ -1,0 ")) {
            // A new file's hunk starts at line 0 of the old (empty) one, as git and patch(1) write it.
            diff.set(2, "@@ -0,0 " + diff.get(2).substring("@@ -1,0 ".length()));
        }
        if (diff.isEmpty() && before == null) {
            // An empty new file: the headers alone say that it appears.
            diff.add("--- /dev/null");
            diff.add("+++ b/" + path);
        }
        return diff;
    }

    /** The text's lines without their line breaks; a final line break ends the last line, it does not start one. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
