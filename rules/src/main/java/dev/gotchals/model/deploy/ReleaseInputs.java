package dev.gotchals.model.deploy;

import dev.gotchals.text.RecentTexts;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
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
    /** A project's config folder in a context above it: {@code services/shop/config}. */
    private static final Pattern CONFIG_FOLDER = Pattern.compile("^(.+/)config$");
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

    private final DockerImage image;
    private final AssetPipeline pipeline;
    private final DockerIgnore ignore;

    private ReleaseInputs(DockerImage image, AssetPipeline pipeline, DockerIgnore ignore) {
        this.image = image;
        this.pipeline = pipeline;
        this.ignore = ignore;
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
     * The first COPY or ADD before the release that brings the project's config from the context: a config file by
     * name, or a source holding {@code config/config.exs} ({@code COPY . .}, {@code COPY config config},
     * {@code COPY services/shop/config config}); null when none does. A context that holds several projects (the
     * repository's root) brings the config of others too ({@code COPY services/spec/config/config.exs ../spec/config/}
     * for a path dependency): only a copy from the project's own folder counts.
     *
     * @param projectRoot the project's folder, whose trailing names a context above it writes before {@code config/}
     */
    public ConfigCopy configCopy(Path projectRoot) {
        for (BuildStep step : pipeline.beforeRelease()) {
            Copy copy = step.copy();
            if (copy == null || copy.fromStage() != null) {
                continue;
            }
            SourceReading reading = reading(copy);
            String prefix = reading.plainSources() != null ? reading.configPrefix() : configPrefix(sources(copy));
            if (prefix != null && namesFolderOf(prefix, projectRoot)) {
                return new ConfigCopy(copy, prefix);
            }
        }
        return null;
    }

    /** Whether {@code prefix} ("", {@code app/}, {@code services/shop/}) is the path of {@code root} from a context. */
    private static boolean namesFolderOf(String prefix, Path root) {
        if (prefix.isEmpty()) {
            return true;
        }
        String folder = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (folder.startsWith("/") || folder.contains("..") || folder.contains("*")) {
            return true; // an absolute or wildcard path tells nothing of the context's layout
        }
        return root.toAbsolutePath().normalize().endsWith(Path.of(folder));
    }

    /** What the sources of a copy that names no variable bring, by the copy's text (see {@link #configCopy}). */
    private static final RecentTexts<SourceReading> SOURCE_READINGS = new RecentTexts<>(32_768, 2L * 1024 * 1024);

    /** A copy's sources read once per text: a long Dockerfile has thousands of copies, and an edit changes one. */
    private static SourceReading reading(Copy copy) {
        return copy.instruction().readByText(SOURCE_READINGS, instruction -> SourceReading.of(copy));
    }

    /**
     * @param plainSources the sources as the build reads them, or null when they name a variable
     * @param configPrefix where they bring config from ({@link ConfigCopy#prefix}), or null when they bring none
     */
    private record SourceReading(List<String> plainSources, String configPrefix) {
        static SourceReading of(Copy copy) {
            if (readsVariables(copy)) {
                return new SourceReading(null, null);
            }
            List<String> sources = substituted(copy, Map.of());
            return new SourceReading(sources, ReleaseInputs.configPrefix(sources));
        }
    }

    /** Where sources bring config from, "" or a folder such as {@code app/}; null when they bring none. */
    private static String configPrefix(List<String> sources) {
        for (String source : sources) {
            // The pattern's literal part is looked for first.
            Matcher matcher = source.contains("config/") ? CONFIG_FILE.matcher(source) : null;
            if (matcher != null && matcher.matches()) {
                return matcher.group(1) == null ? "" : matcher.group(1);
            }
            if (covers(source, CONFIG_EXS)) {
                return "";
            }
            Matcher folder = source.endsWith("config") ? CONFIG_FOLDER.matcher(source) : null;
            if (folder != null && folder.matches()) {
                return folder.group(1); // `COPY services/shop/config config/`: a context above the project
            }
        }
        return null;
    }

    /**
     * How {@code path} (relative to the build context) reaches the release. Loops, not streams: a long Dockerfile has
     * thousands of steps before the release, and a stream per step was most of what this allocated.
     */
    public Reach reach(String path) {
        // What a copy brings wins over what a script may bring, whatever their order, and .dockerignore leaves the
        // path out or not for every copy alike: walked from the release back, a long Dockerfile is read only as far
        // as the copy that brings the path, which is most often just before the release.
        Reach covered = ignore.excludes(path) ? Reach.IGNORED : Reach.COPIED;
        Reach reach = Reach.MISSING;
        List<BuildStep> steps = pipeline.beforeRelease();
        for (int i = steps.size() - 1; i >= 0; i--) {
            BuildStep step = steps.get(i);
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
                if (covered == Reach.COPIED) {
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

    /**
     * The copy's sources as the build reads them. Worked out when asked, not for every copy before the release: a
     * long Dockerfile has thousands, and a walk asks only as far as it goes.
     */
    private List<String> sources(Copy copy) {
        if (!readsVariables(copy)) {
            return reading(copy).plainSources();
        }
        return substituted(copy, image.variablesAt(copy.instruction(), copy.sources()));
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
