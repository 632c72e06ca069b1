package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which project files reach a stage's {@code mix release}: the COPY and ADD instructions before it (in the stage and
 * the stages it is built FROM), their variables substituted, with the context's {@code .dockerignore} applied.
 */
public final class ReleaseInputs {
    /** A source naming one config file: {@code config/prod.exs}, {@code app/config/${MIX_ENV}.exs}. */
    private static final Pattern CONFIG_FILE = Pattern.compile("^(.*/)?config/[^/*?\\[]+\\.exs$");
    private static final String CONFIG_EXS = "config/config.exs";
    /** A variable the build does not give a value: it matches no file name here. */
    private static final String UNRESOLVED = "\u0000";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?");
    /** What copies from other stages bring that is never config: built files, dependencies, assets. */
    private static final List<String> NOT_CONFIG = List.of("priv", "deps", "_build", "assets", "node_modules", "rel/");
    private static final Set<String> FETCHERS = Set.of("git", "curl", "wget");

    /** How a project file reaches the release build. */
    public enum Reach {
        /** A COPY or ADD from the context brings it. */
        COPIED,
        /** A COPY or ADD would bring it, but {@code .dockerignore} leaves it out of the context. */
        IGNORED,
        /** Nothing before the release brings it. */
        MISSING,
        /** Something that cannot be read may: a copy from another stage or image, a script, a download. */
        UNKNOWN
    }

    /**
     * A COPY of a single config file from the context.
     *
     * @param prefix where the context holds the project: "" or {@code app/} for {@code COPY app/config/config.exs …}
     */
    public record ConfigCopy(Copy copy, String prefix) {
    }

    private final AssetPipeline pipeline;
    private final DockerIgnore ignore;

    /**
     * The sources of the copies before the release, substituted, by their instruction: the pipeline's steps hold the
     * chain's own instruction objects.
     */
    private final Map<Instruction, List<String>> copiedSources;

    private ReleaseInputs(DockerImage image, AssetPipeline pipeline, DockerIgnore ignore) {
        this.pipeline = pipeline;
        this.ignore = ignore;
        this.copiedSources = copiedSources(image, pipeline);
    }

    /**
     * One walk over each stage of the release's chain, nearest first, not one per copy and path asked about: a
     * long Dockerfile has thousands of copies.
     */
    private static Map<Instruction, List<String>> copiedSources(DockerImage image, AssetPipeline pipeline) {
        Map<Instruction, Copy> copies = new IdentityHashMap<>();
        Map<Instruction, List<String>> sources = new IdentityHashMap<>();
        for (BuildStep step : pipeline.beforeRelease()) {
            if (step.copy() == null) {
                continue;
            }
            if (!readsVariables(step.copy())) {
                // Nothing to substitute: no walk of the stage's variables for the thousands of plain copies.
                sources.put(step.copy().instruction(), substituted(step.copy(), Map.of()));
            } else {
                copies.put(step.copy().instruction(), step.copy());
            }
        }
        if (copies.isEmpty()) {
            return sources;
        }
        for (Stage stage : image.chain(pipeline.stage())) {
            image.walkVariables(stage, (instruction, variables) -> {
                Copy copy = copies.get(instruction);
                if (copy != null && !sources.containsKey(instruction)) {
                    sources.put(instruction, substituted(copy, variables));
                }
            });
        }
        return sources;
    }

    private static boolean readsVariables(Copy copy) {
        for (String source : copy.sources()) {
            if (source.indexOf('$') >= 0) {
                return true;
            }
        }
        return false;
    }

    public static ReleaseInputs of(DockerImage image, AssetPipeline pipeline, DockerIgnore ignore) {
        return new ReleaseInputs(image, pipeline, ignore);
    }

    /**
     * The first COPY or ADD before the release that brings config from the context: a config file by name, or a
     * source holding {@code config/config.exs} ({@code COPY . .}, {@code COPY config config}); null when none does.
     */
    public ConfigCopy configCopy() {
        for (BuildStep step : pipeline.beforeRelease()) {
            if (step.copy() == null || step.copy().fromStage() != null) {
                continue;
            }
            for (String source : sources(step.copy())) {
                // Thousands of copies in a long Dockerfile: the pattern's literal part is looked for first.
                Matcher matcher = source.contains("config/") ? CONFIG_FILE.matcher(source) : null;
                if (matcher != null && matcher.matches()) {
                    return new ConfigCopy(step.copy(), matcher.group(1) == null ? "" : matcher.group(1));
                }
                if (covers(source, CONFIG_EXS)) {
                    return new ConfigCopy(step.copy(), "");
                }
            }
        }
        return null;
    }

    /**
     * How {@code path} (relative to the build context) reaches the release. Loops, not streams: a long Dockerfile has
     * thousands of steps before the release, and a stream per step was most of what this allocated.
     */
    public Reach reach(String path) {
        Reach reach = Reach.MISSING;
        for (BuildStep step : pipeline.beforeRelease()) {
            Copy copy = step.copy();
            if (copy == null) {
                if (reach == Reach.MISSING && (step.opaque() || FETCHERS.contains(step.written().program()))) {
                    reach = Reach.UNKNOWN;
                }
                continue;
            }
            if (copy.fromStage() != null) {
                if (reach == Reach.MISSING && anyMayHoldConfig(copy.sources())) {
                    reach = Reach.UNKNOWN;
                }
                continue;
            }
            if (anyCovers(sources(copy), path)) {
                if (!ignore.excludes(path)) {
                    return Reach.COPIED;
                }
                reach = Reach.IGNORED;
            }
        }
        return reach;
    }

    private static boolean anyMayHoldConfig(List<String> sources) {
        for (String source : sources) {
            if (mayHoldConfig(source)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyCovers(List<String> sources, String path) {
        for (String source : sources) {
            if (covers(source, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayHoldConfig(String source) {
        return NOT_CONFIG.stream().noneMatch(source::contains);
    }

    private List<String> sources(Copy copy) {
        return copiedSources.get(copy.instruction());
    }

    /** The sources of a copy, {@code ./} and trailing slashes dropped, the variables where it is written substituted. */
    private static List<String> substituted(Copy copy, Map<String, String> variables) {
        if (alreadyPlain(copy.sources())) {
            return copy.sources(); // the thousands of copies of a long Dockerfile: nothing to substitute or drop
        }
        return copy.sources().stream().map(source -> {
            String substituted = DockerImage.substitute(source, variables);
            if (substituted.indexOf('$') >= 0) {
                substituted = VARIABLE.matcher(substituted).replaceAll(UNRESOLVED);
            }
            String path = substituted;
            while (path.startsWith("./")) {
                path = path.substring(2);
            }
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return path;
        }).toList();
    }

    /** Whether no source names a variable, starts with {@code ./} or ends with a slash. */
    private static boolean alreadyPlain(List<String> sources) {
        for (String source : sources) {
            if (source.indexOf('$') >= 0 || source.startsWith("./") || source.length() > 1 && source.endsWith("/")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a copy source brings {@code path}: the whole context, the path, a folder holding it, or a glob. */
    static boolean covers(String source, String path) {
        if (source.isEmpty() || source.equals(".") || source.equals("*") || source.equals(path)
                || path.startsWith(source) && path.startsWith("/", source.length())) {
            return true;
        }
        if (!source.contains("*") && !source.contains("?") && !source.contains("[")) {
            return false;
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + source);
        for (Path current = Path.of(path); current != null; current = current.getParent()) {
            if (glob.matches(current)) {
                return true;
            }
        }
        return false;
    }
}
