package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The build context's {@code .dockerignore}: which project files a {@code COPY} from the context never sees. Read
 * as Docker reads it: one pattern a line, {@code #} comments, {@code !} exceptions, {@code *}, {@code ?} and
 * {@code **}, a leading {@code /} ignored; a pattern that matches a folder excludes what is in it; the last pattern
 * that matches a path decides. A Dockerfile's own {@code <name>.dockerignore} beside it wins over the project's.
 */
public final class DockerIgnore {
    /** Nothing excluded: no file, or one that cannot be read. */
    public static final DockerIgnore NONE = new DockerIgnore(List.of());

    private record Rule(Pattern pattern, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /** The ignore file the build of {@code image} uses, its context taken to be the project's root. */
    public static DockerIgnore of(ProjectContext project, DockerImage image) {
        Path dockerfile = image.file().path();
        DocumentSnapshot own = project.file(dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore"));
        DocumentSnapshot file = own != null ? own : project.file(project.project().root().resolve(".dockerignore"));
        return file == null ? NONE : parse(file.text().text());
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String pattern = clean(exception ? line.substring(1).strip() : line);
            if (!pattern.isEmpty()) {
                rules.add(new Rule(Pattern.compile(regex(pattern)), exception));
            }
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** Whether the context leaves out {@code path} (relative to the context: {@code config/runtime.exs}). */
    public boolean excludes(String path) {
        String target = clean(path);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesOrParent(rule.pattern(), target)) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    private static boolean matchesOrParent(Pattern pattern, String path) {
        for (String prefix = path; !prefix.isEmpty(); prefix = parent(prefix)) {
            if (pattern.matcher(prefix).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String clean(String pattern) {
        String cleaned = pattern;
        while (cleaned.startsWith("/") || cleaned.startsWith("./")) {
            cleaned = cleaned.substring(cleaned.startsWith("/") ? 1 : 2);
        }
        while (cleaned.endsWith("/")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        return cleaned;
    }

    private static String regex(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                boolean slash = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
                out.append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else if (c == '\\' && i + 1 < pattern.length()) {
                out.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
