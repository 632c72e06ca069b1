package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Glob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the project's root {@code .gitignore} leaves out of git. A file the repository holds although its folder is
 * ignored ({@code /config/} "so we can change them locally") is a template: each copy that is deployed is edited
 * where it is built, and the committed values say little of production's.
 */
public final class GitIgnore {
    /**
     * One pattern line: the path pattern, whether it names a file or folder at any depth (no slash in it), and whether
     * it re-includes ({@code !}).
     */
    private record Line(Glob pattern, boolean segment, boolean exception) {
    }

    private final List<Line> lines;

    private GitIgnore(List<Line> lines) {
        this.lines = lines;
    }

    public static GitIgnore of(ProjectContext project) {
        return project.model(GitIgnore.class, context -> {
            DocumentSnapshot file = context.file(context.project().root().resolve(".gitignore"));
            return parse(file == null ? "" : file.text().text());
        });
    }

    static GitIgnore parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String pattern = (exception ? line.substring(1) : line).replaceAll("(/\\*{1,2})?/*$", "");
            boolean anchored = pattern.startsWith("/") || pattern.contains("/");
            pattern = pattern.replaceAll("^/+", "");
            if (!pattern.isEmpty()) {
                try {
                    lines.add(new Line(Glob.of(pattern), !anchored, exception));
                } catch (IllegalArgumentException unclosed) {
                    // a line git itself would not match anything with
                }
            }
        }
        return new GitIgnore(List.copyOf(lines));
    }

    /** Whether git leaves out {@code path} (relative to the project, with {@code /}), itself or a folder above it. */
    public boolean leavesOut(String path) {
        String[] segments = path.replace('\\', '/').split("/");
        boolean ignored = false;
        for (Line line : lines) {
            StringBuilder prefix = new StringBuilder();
            for (String segment : segments) {
                prefix.append(prefix.length() == 0 ? "" : "/").append(segment);
                String candidate = line.segment() ? segment : prefix.toString();
                if (line.pattern().matches(candidate)) {
                    ignored = !line.exception();
                    break;
                }
            }
        }
        return ignored;
    }

    /** Whether git leaves out the file at {@code file} of the project. */
    public boolean leavesOut(ProjectContext project, Path file) {
        return leavesOut(project.project().relativize(file));
    }
}
