package dev.gotchals.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfiles kept outside every Mix project ({@code ops/docker/api.dockerfile} beside {@code api/}) that a build
 * command of the repository builds with a project's folder as its context:
 * {@code docker build -t shop -f ./ops/docker/api.dockerfile ./api} in a script, a Makefile or a CI workflow, or the
 * {@code context:} and {@code file:} a workflow gives Docker's build-push action. Such a file is that project's image,
 * as if it lay in its folder.
 */
final class OutsideDockerfiles {
    /** A {@code docker build} or {@code docker buildx build} command and the rest of its line. */
    private static final Pattern BUILD = Pattern.compile("docker\\s+(?:buildx\\s+)?build\\b([^\\n;&|]*)");
    /** Options of {@code docker build} that take a value as the next word. */
    private static final Set<String> VALUED = Set.of("-t", "--tag", "--build-arg", "--target", "--platform", "--label",
            "--secret", "--ssh", "--cache-from", "--cache-to", "-o", "--output", "--network", "--progress", "--iidfile",
            "--build-context", "--add-host", "--shm-size", "--ulimit", "-m", "--memory", "--metadata-file");
    /** A step of a GitHub workflow that uses Docker's build-push action. */
    private static final Pattern BUILD_PUSH_ACTION =
            Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*['\"]?docker/build-push-action@");
    /** A {@code key: value} line of a workflow step's {@code with:}. */
    private static final Pattern STEP_INPUT = Pattern.compile("^\\s*(context|file):\\s*(\\S+)\\s*(?:#.*)?$");
    /** Folders whose files are commands, extension or not ({@code bin/docker-build}). */
    private static final Set<String> SCRIPT_FOLDERS = Set.of("bin", "script", "scripts");
    /** Files that hold build commands this far are read; a bigger one is not a build script. */
    private static final long MAX_SCRIPT_BYTES = 256 * 1024;

    private OutsideDockerfiles() {
    }

    /**
     * Each Dockerfile of {@code outside} that a build command names with its context inside a project, with that
     * project's folder ({@code projectOf} maps a folder to the project that holds it, or null).
     */
    static Map<Path, Path> adopted(Path root, List<Path> files, Set<Path> outside, Function<Path, Path> projectOf) {
        Map<Path, Path> adopted = new LinkedHashMap<>();
        if (outside.isEmpty()) {
            return adopted; // a workspace whose files all lie in projects: no script needs reading
        }
        for (Path file : files) {
            if (!holdsBuildCommands(root, file)) {
                continue;
            }
            String text = read(file);
            List<String[]> builds = new ArrayList<>(builds(text));
            builds.addAll(actionBuilds(text));
            for (String[] build : builds) {
                for (Path base : List.of(root, file.getParent())) {
                    Path dockerfile = base.resolve(build[0]).normalize();
                    Path project = outside.contains(dockerfile) ? projectOf.apply(base.resolve(build[1]).normalize()) : null;
                    if (project != null) {
                        adopted.putIfAbsent(dockerfile, project);
                        break;
                    }
                }
            }
        }
        return adopted;
    }

    /**
     * Each Dockerfile of {@code outside} that no build command names, whose {@code COPY} and {@code ADD} lines bring
     * files of one project only, read from the repository's root as the build context ({@code ADD site/mix.exs
     * ./site/} in {@code docker/site.dockerfile}): that project's image. One that copies the whole context
     * ({@code COPY . .}), files of several projects, or none, is no single project's.
     */
    static Map<Path, Path> adoptedByCopies(Path root, Set<Path> outside, Set<Path> taken, Function<Path, Path> projectOf) {
        Map<Path, Path> adopted = new LinkedHashMap<>();
        for (Path file : outside.stream().sorted().toList()) {
            Path relative = root.relativize(file);
            if (taken.contains(file) || FileClassifier.classify(relative).orElse(null) != FileRole.DOCKERFILE) {
                continue;
            }
            Set<Path> projects = new HashSet<>();
            boolean whole = false;
            for (String source : copiedSources(read(file))) {
                String path = source.startsWith("./") ? source.substring(2) : source;
                if (path.isEmpty() || path.equals(".") || path.startsWith("*") || path.contains("$") || path.startsWith("/")) {
                    whole |= !path.contains("$") && !path.startsWith("/");
                    continue;
                }
                Path project = projectOf.apply(root.resolve(path).normalize());
                if (project != null) {
                    projects.add(project);
                }
            }
            if (!whole && projects.size() == 1) {
                adopted.put(file, projects.iterator().next());
            }
        }
        return adopted;
    }

    /** A COPY or ADD line's words after the instruction; sources are all but the last. */
    private static final Pattern COPY_LINE = Pattern.compile("(?im)^\\s*(?:COPY|ADD)\\s+(.+)$");

    /** The sources of the file's COPY and ADD lines that copy from the build context (not {@code --from=}). */
    static List<String> copiedSources(String text) {
        List<String> sources = new ArrayList<>();
        Matcher line = COPY_LINE.matcher(text.replace("\\\r\n", " ").replace("\\\n", " "));
        while (line.find()) {
            String rest = line.group(1).strip();
            if (rest.contains("--from")) {
                continue;
            }
            List<String> words = new ArrayList<>();
            if (rest.startsWith("[")) {
                for (String word : rest.replaceAll("^\\[|]$", "").split(",")) {
                    words.add(unquote(word.strip()));
                }
            } else {
                for (String word : rest.split("\\s+")) {
                    if (!word.startsWith("--")) {
                        words.add(unquote(word));
                    }
                }
            }
            sources.addAll(words.subList(0, Math.max(0, words.size() - 1)));
        }
        return sources;
    }

    /** Scripts, Makefiles and CI pipelines: where a repository writes its image builds down. */
    private static boolean holdsBuildCommands(Path root, Path file) {
        String name = file.getFileName().toString();
        String relative = root.relativize(file).toString().replace('\\', '/');
        Path folder = file.getParent();
        return name.endsWith(".sh") || name.equals("Makefile") || name.equals(".gitlab-ci.yml")
                || relative.startsWith(".github/workflows/") || relative.startsWith(".circleci/")
                || !name.contains(".") && folder != null && SCRIPT_FOLDERS.contains(folder.getFileName().toString());
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_SCRIPT_BYTES) {
                return "";
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The Dockerfile and context of each build command that names both: {@code [file, context]}. */
    static List<String[]> builds(String text) {
        List<String[]> builds = new ArrayList<>();
        Matcher build = BUILD.matcher(text.replace("\\\r\n", " ").replace("\\\n", " "));
        while (build.find()) {
            String dockerfile = null;
            String context = null;
            String[] words = build.group(1).trim().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String word = unquote(words[i]);
                if (word.equals("-f") || word.equals("--file")) {
                    dockerfile = i + 1 < words.length ? unquote(words[++i]) : null;
                } else if (word.startsWith("--file=")) {
                    dockerfile = unquote(word.substring("--file=".length()));
                } else if (VALUED.contains(word)) {
                    i++;
                } else if (!word.startsWith("-") && !word.isEmpty()) {
                    context = word;
                }
            }
            if (dockerfile != null && context != null && !dockerfile.contains("$") && !context.contains("$")
                    && !context.contains("://") && !context.equals("-")) {
                builds.add(new String[] {dockerfile, context});
            }
        }
        return builds;
    }

    /**
     * The Dockerfile and context of each workflow step that uses {@code docker/build-push-action} with both a
     * {@code file:} and a {@code context:}: {@code [file, context]}.
     */
    static List<String[]> actionBuilds(String text) {
        List<String[]> builds = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!BUILD_PUSH_ACTION.matcher(lines.get(i)).find()) {
                continue;
            }
            int start = i;
            while (start > 0 && !lines.get(start).stripLeading().startsWith("- ")) {
                start--;
            }
            int indent = indent(lines.get(start));
            String dockerfile = null;
            String context = null;
            for (int j = start + 1; j < lines.size() && (lines.get(j).isBlank() || indent(lines.get(j)) > indent); j++) {
                Matcher input = STEP_INPUT.matcher(lines.get(j));
                if (input.matches()) {
                    String value = unquote(input.group(2));
                    dockerfile = input.group(1).equals("file") ? value : dockerfile;
                    context = input.group(1).equals("context") ? value : context;
                }
            }
            if (dockerfile != null && context != null && !dockerfile.contains("$") && !context.contains("$")
                    && !context.contains("://")) {
                builds.add(new String[] {dockerfile, context});
            }
        }
        return builds;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String unquote(String word) {
        return word.replaceAll("^[\"']|[\"']$", "");
    }

    /** The paths of {@code files} outside every project folder of {@code roots}. */
    static Set<Path> outside(List<Path> files, Set<Path> roots) {
        Set<Path> outside = new HashSet<>();
        for (Path file : files) {
            if (ProjectScanner.innermost(roots, file) == null) {
                outside.add(file);
            }
        }
        return outside;
    }
}
