package dev.gotchals.model.deploy;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.mix.MixExs;
import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.text.RecentTexts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as an image: its stage graph ({@code FROM} chains to earlier stages), variables with Docker's
 * scoping (global ARGs in FROM lines, ARGs redeclared in a stage, ENV inherited through FROM), the stage that
 * builds the release and what the final stage holds.
 */
public final class DockerImage {
    /**
     * File-name words of images that never run production: {@code Dockerfile.dev}, {@code ci.Dockerfile}, and
     * copies kept aside ({@code Dockerfile.cloudron.backup}, {@code Dockerfile.bak}).
     */
    private static final Set<String> NON_PRODUCTION_WORDS = Set.of("dev", "development", "test", "local", "ci",
            "backup", "bak", "orig");
    /** Folders whose Dockerfiles never run production: the project's tests and its development setup. */
    /** Folders of tests and of the development setup; {@code .devcontainer} holds an editor's development container. */
    private static final Set<String> NON_PRODUCTION_FOLDERS = Set.of("test", "tests", "development", ".devcontainer");
    private static final Set<String> PRODUCTION_WORDS = Set.of("prod", "production", "release");
    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final int MAX_SUBSTITUTIONS = 5;
    /**
     * Words of a header comment that set the file aside: it is retired ({@code # DEPRECATED: use Dockerfile.rel}) or
     * meant for development and tests only ({@code # Genesis Docker (dev/test only)}, {@code # not for production}).
     */
    private static final Pattern SET_ASIDE = Pattern.compile("\\b(deprecated|obsolete|no longer (used|maintained)"
            + "|(dev|development|test|testing|local)((\\s*/\\s*|\\s*,\\s*|\\s+(and|or|&)\\s+)(dev|development|test|testing|local))*"
            + "\\s+(use\\s+)?only|only for (local )?(dev|development|testing|tests)"
            + "|not (meant |intended )?for production|do not use (it |this )?in production)\\b");
    /** A word of every match of {@link #SET_ASIDE}: a comment with none of them is not matched against it. */
    private static final List<String> SET_ASIDE_WORDS = List.of("deprecated", "obsolete", "no longer", "only",
            "production");

    private final Dockerfile dockerfile;
    private final Path projectRoot;
    private final ContextScripts contextScripts;
    /** The stage production builds, where its builds name one ({@link BuildTargets}); null for the last. */
    private final String target;
    /**
     * What the rules ask of the image again and again, worked out once: every question walks the stages, and a
     * Dockerfile can have thousands of instructions.
     */
    private ReleaseRun release;
    private final boolean releaseToolDependency;
    private Map<String, String> globalArgs;
    private final Map<Stage, String> resolvedImages = new IdentityHashMap<>();
    private final Map<Instruction, Copy> copyOf = new IdentityHashMap<>();
    private final Map<Stage, Map<String, String>> environments = new IdentityHashMap<>();
    private Map<String, String> copiesBeforeRelease;
    private final Map<Instruction, List<SimpleCommand>> buildCommands = new IdentityHashMap<>();
    private final Map<Stage, Layout> layouts = new IdentityHashMap<>();
    private final Map<Stage, List<String>> stageWorkdirs = new IdentityHashMap<>();
    /** The image's asset pipelines, and the list of mix.exs files they were found with: several rules ask. */
    private List<AssetPipeline> assetPipelines;
    private List<MixExs> assetPipelinesMixfiles;
    /** Whether the image may run production; every question about production images asks, many per rule. */
    private Boolean production;

    DockerImage(Dockerfile dockerfile) {
        this(dockerfile, null, true, (image, path) -> null, null);
    }

    /** The project's shell script at a path of an image's build context, or null when the project holds none there. */
    @FunctionalInterface
    interface ContextScripts {
        ShellScript at(DockerImage image, String contextPath);
    }

    /**
     * @param projectRoot            the project's folder, whose subfolders may mark the file for tests; null when not
     *                               known
     * @param releaseToolDependency  whether the project depends on Distillery or exrm, whose {@code mix release} takes
     *                               options Elixir's own task rejects
     * @param contextScripts         reads the project's scripts that a RUN runs from the build context
     * @param target                 the stage production builds ({@code docker build --target prod}); null for the last
     */
    DockerImage(Dockerfile dockerfile, Path projectRoot, boolean releaseToolDependency, ContextScripts contextScripts,
                String target) {
        this.dockerfile = dockerfile;
        this.projectRoot = projectRoot;
        this.releaseToolDependency = releaseToolDependency;
        this.contextScripts = contextScripts;
        this.target = target;
    }

    /**
     * Whether a Dockerfile's name marks an image that never runs production (dev, development, test, local, ci) or a
     * copy kept aside (backup, bak, orig).
     */
    public static boolean nonProductionName(String fileName) {
        return nameHas(fileName, NON_PRODUCTION_WORDS);
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public DocumentSnapshot file() {
        return dockerfile.file();
    }

    /**
     * Whether this image may run production: its name does not mark it for development, tests or CI, nor does a
     * folder it is in, and the comment its file opens with does not set it aside ({@code # NOTE: this is deprecated},
     * {@code # dev/test only}).
     */
    public boolean production() {
        if (production == null) {
            production = !nonProductionName(file().path().getFileName().toString()) && !inTestFolder() && !setAside();
        }
        return production;
    }

    /**
     * Whether a folder between the project and the file is one of tests or of the development setup
     * ({@code docker/tests/Dockerfile}, {@code docker/development/app/Dockerfile}, {@code .devcontainer/Dockerfile}).
     * A {@code dev/} or {@code local/} folder may hold the deployment of a development environment, or the only
     * release build there is: not these.
     */
    private boolean inTestFolder() {
        Path path = file().path();
        if (projectRoot == null || !path.startsWith(projectRoot)) {
            return false;
        }
        Path folders = projectRoot.relativize(path).getParent();
        for (int i = 0; folders != null && i < folders.getNameCount(); i++) {
            if (NON_PRODUCTION_FOLDERS.contains(folders.getName(i).toString().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the comment lines above the first instruction set the file aside: deprecated, no longer used, or for
     * development and tests only.
     */
    private boolean setAside() {
        for (String line : file().text().text().lines().limit(40).toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.startsWith("#")) {
                return false;
            }
            String comment = trimmed.toLowerCase(Locale.ROOT);
            if (SET_ASIDE_WORDS.stream().anyMatch(comment::contains) && SET_ASIDE.matcher(comment).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an instruction of this kind may be in a part of the file the grammar could not read: the file has
     * syntax errors and more lines start with the keyword than the stages hold such instructions. What a rule finds
     * missing (a USER, an ENV with a locale) may then be there, and only what was read can be reported.
     */
    public boolean mayHide(String keyword) {
        if (!file().isParsed()) {
            return true;
        }
        if (!file().tree().hasErrors()) {
            return false;
        }
        Pattern line = Pattern.compile("(?im)^[ \\t]*" + keyword + "[ \\t]");
        Matcher written = line.matcher(file().text().text());
        int lines = 0;
        while (written.find()) {
            lines++;
        }
        int read = dockerfile.stages().stream().mapToInt(stage -> stage.all(keyword).size()).sum();
        return lines > read;
    }

    /** Whether the name says production outright ({@code Dockerfile.prod}, {@code release.Dockerfile}). */
    public boolean namedForProduction() {
        return nameHas(file().path().getFileName().toString(), PRODUCTION_WORDS);
    }

    /** The stage the container runs, or null for a file without FROM. */
    public Stage finalStage() {
        Stage named = target == null ? null : dockerfile.stage(target);
        return named != null ? named : dockerfile.finalStage();
    }

    /** The stage and the earlier stages it is built FROM, nearest first. */
    public List<Stage> chain(Stage stage) {
        List<Stage> chain = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Stage current = stage; current != null && seen.add(current.index()); current = dockerfile.parent(current)) {
            chain.add(current);
        }
        return chain;
    }

    /** The last instruction of a kind in the stage or, failing that, in the stages it is built FROM. */
    public Instruction inherited(Stage stage, String keyword) {
        for (Stage current : chain(stage)) {
            List<Instruction> all = current.all(keyword);
            if (!all.isEmpty()) {
                return all.get(all.size() - 1);
            }
        }
        return null;
    }

    /** The stage's FROM image with the global ARG defaults substituted ({@code ${RUNNER_IMAGE}} → debian:…). */
    public synchronized String resolvedImage(Stage stage) {
        return resolvedImages.computeIfAbsent(stage, s -> substitute(s.image(), globalArgs()));
    }

    /** The ENV of a stage, inherited through its FROM chain, values substituted; later settings win. */
    public synchronized Map<String, String> environment(Stage stage) {
        Map<String, String> environment = environments.get(stage);
        if (environment == null) {
            environment = Collections.unmodifiableMap(readEnvironment(stage));
            environments.put(stage, environment);
        }
        return environment;
    }

    private Map<String, String> readEnvironment(Stage stage) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<Stage> chain = chain(stage);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Map<String, String> scope = new LinkedHashMap<>(environment);
            for (Instruction instruction : chain.get(i).instructions()) {
                declare(instruction, scope, environment);
            }
        }
        return environment;
    }

    /** The variables a stage's instruction sees: inherited ENV, then the stage's ARGs and ENVs written before it. */
    public Map<String, String> variables(Stage stage, Instruction before) {
        Map<String, String> scope = inheritedScope(stage);
        for (Instruction instruction : stage.instructions()) {
            if (instruction.equals(before)) {
                break;
            }
            declare(instruction, scope, null);
        }
        return scope;
    }

    /**
     * Calls {@code visitor} with each instruction of the stage and the variables it sees, those {@link #variables}
     * gives, in one pass: a long Dockerfile has thousands of instructions. The map is a view that the walk changes.
     */
    public void walkVariables(Stage stage, BiConsumer<Instruction, Map<String, String>> visitor) {
        Map<String, String> scope = inheritedScope(stage);
        Map<String, String> view = Collections.unmodifiableMap(scope);
        for (Instruction instruction : stage.instructions()) {
            visitor.accept(instruction, view);
            declare(instruction, scope, null);
        }
    }

    private Map<String, String> inheritedScope(Stage stage) {
        Stage parent = dockerfile.parent(stage);
        return parent == null ? new LinkedHashMap<>() : new LinkedHashMap<>(environment(parent));
    }

    /**
     * The ENV or ARG that sets a variable where a stage's instruction runs: the last one of the stage written before
     * it, else the last ENV of the stages it is built FROM; null when nothing sets it.
     *
     * @param value the value there, substituted; null for an ARG without a default, which the build passes
     */
    public record Binding(Instruction instruction, Instruction.Variable variable, String value) {
    }

    public Binding binding(Stage stage, Instruction before, String name) {
        int hash = name.hashCode();
        for (Stage current : chain(stage)) {
            List<Instruction> written = current.instructions();
            int at = current.equals(stage) ? indexOf(written, before) : -1;
            int end = at >= 0 ? at : written.size();
            for (int i = end - 1; i >= 0; i--) {
                Instruction instruction = written.get(i);
                if (!instruction.is("ENV") && !(instruction.is("ARG") && current.equals(stage))) {
                    continue;
                }
                List<Instruction.Setting> settings = instruction.settings();
                for (int v = settings.size() - 1; v >= 0; v--) {
                    // The hash, kept in each name, first: the names of thousands of ENVs, not their chars.
                    String setting = settings.get(v).name();
                    if (setting.hashCode() == hash && setting.equals(name)) {
                        // Nothing between the binding and `before` sets the name: its value there is the one it
                        // has once the binding is declared, worked out without walking the rest of a long stage.
                        Map<String, String> scope = current.equals(stage) ? scopeThrough(stage, written, i)
                                : inheritedScope(stage);
                        return new Binding(instruction, instruction.variables().get(v), scope.get(name));
                    }
                }
            }
        }
        return null;
    }

    /**
     * The values, where {@code instruction} stands, of the variables {@code texts} name ({@code $NAME},
     * {@code ${NAME}}, {@code ${NAME:-default}}), each from its {@link #binding}: a few lookups instead of
     * {@link #variables}' walk of every variable a long stage declares. Those without a value there are left out.
     */
    public Map<String, String> variablesAt(Instruction instruction, List<String> texts) {
        Stage stage = stageOf(instruction);
        Map<String, String> values = new HashMap<>();
        for (String text : texts) {
            Matcher reference = REFERENCE.matcher(text);
            while (stage != null && reference.find()) {
                String name = reference.group(1) != null ? reference.group(1) : reference.group(3);
                Binding binding = binding(stage, instruction, name);
                if (binding != null && binding.value() != null) {
                    values.put(name, binding.value());
                }
            }
        }
        return values;
    }

    /** The stage that holds {@code instruction}, by identity; null for an instruction of no stage of this file. */
    private Stage stageOf(Instruction instruction) {
        for (Stage stage : dockerfile.stages()) {
            for (Instruction written : stage.instructions()) {
                if (written == instruction) {
                    return stage;
                }
            }
        }
        return null;
    }

    /**
     * Where {@code instruction} is in {@code instructions}: by identity first, which reads none of the thousands of
     * instructions of a long stage; by equality for an instruction of another reading of the file.
     */
    private static int indexOf(List<Instruction> instructions, Instruction instruction) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i) == instruction) {
                return i;
            }
        }
        return instructions.indexOf(instruction);
    }

    /** The variables of {@code stage} once its instructions up to {@code last} (included) are declared. */
    private Map<String, String> scopeThrough(Stage stage, List<Instruction> instructions, int last) {
        Map<String, String> scope = inheritedScope(stage);
        for (int i = 0; i <= last; i++) {
            declare(instructions.get(i), scope, null);
        }
        return scope;
    }

    /** The stage a {@code COPY --from} names by alias or index, or null for an image outside this file. */
    public Stage stage(String reference) {
        Stage named = dockerfile.stage(reference);
        if (named == null && reference.matches("\\d{1,6}")) {
            int index = Integer.parseInt(reference);
            return index < dockerfile.stages().size() ? dockerfile.stages().get(index) : null;
        }
        return named;
    }

    /**
     * Reads one ARG (global default when redeclared without one) or ENV into the scopes; {@code env}, which collects
     * the ENVs alone, may be null when only the scope is wanted.
     */
    private void declare(Instruction instruction, Map<String, String> scope, Map<String, String> env) {
        List<Instruction.Setting> settings = instruction.settings();
        // By index: asked of every instruction of every walk of a stage, where an iterator each is garbage.
        for (int i = 0; i < settings.size(); i++) {
            Instruction.Setting variable = settings.get(i);
            if (instruction.is("ENV")) {
                String value = substitute(variable.value() == null ? "" : variable.value(), scope);
                scope.put(variable.name(), value);
                if (env != null) {
                    env.put(variable.name(), value);
                }
            } else if (instruction.is("ARG")) {
                String value = variable.value() != null ? substitute(variable.value(), scope)
                        : globalArgs().get(variable.name());
                if (value != null) {
                    scope.put(variable.name(), value);
                }
            }
        }
    }

    /** The ARGs declared before the first FROM, with their defaults. */
    public synchronized Map<String, String> globalArgs() {
        if (globalArgs == null) {
            Map<String, String> args = new LinkedHashMap<>();
            for (Instruction arg : dockerfile.globalArgs()) {
                for (Instruction.Variable variable : arg.variables()) {
                    if (variable.value() != null) {
                        args.put(variable.name(), substitute(variable.value(), args));
                    }
                }
            }
            globalArgs = Collections.unmodifiableMap(args);
        }
        return globalArgs;
    }

    /** {@code text} with {@code $NAME}, {@code ${NAME}} and {@code ${NAME:-default}} replaced; unknown ones kept. */
    public static String substitute(String text, Map<String, String> variables) {
        String result = text;
        for (int round = 0; round < MAX_SUBSTITUTIONS && result.contains("$"); round++) {
            Matcher matcher = REFERENCE.matcher(result);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
                String value = variables.get(name);
                if (value == null) {
                    value = matcher.group(2) != null ? matcher.group(2) : matcher.group();
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            if (out.toString().equals(result)) {
                break;
            }
            result = out.toString();
        }
        return result;
    }

    /**
     * The commands a RUN of {@code stage} runs, a project script among them ({@code RUN scripts/build-release},
     * {@code RUN sh bin/release}) replaced by the commands the script runs, with the variables it sets and those the
     * RUN gives it: the release may be built there. A script the build context does not hold stays one command.
     * Offsets of a script's commands count in the script, so these are for what the commands say, not where.
     */
    public synchronized List<SimpleCommand> buildCommands(Stage stage, Instruction run) {
        List<SimpleCommand> commands = run.runsByText();
        if (!runReading(run).namesScript()) {
            return commands;
        }
        List<SimpleCommand> cached = buildCommands.get(run);
        if (cached == null) {
            cached = new ArrayList<>();
            for (SimpleCommand command : commands) {
                ShellScript script = projectScript(stage, run, scriptPath(command));
                if (script == null) {
                    cached.add(command);
                    continue;
                }
                for (SimpleCommand inner : script.runs()) {
                    Map<String, String> variables = new LinkedHashMap<>(command.assignments());
                    variables.putAll(inner.assignments());
                    cached.add(new SimpleCommand(Collections.unmodifiableMap(variables), inner.words(), inner.start(),
                            inner.end()));
                }
            }
            cached = List.copyOf(cached);
            buildCommands.put(run, cached);
        }
        return cached;
    }

    /**
     * What a RUN's own commands say, by its text: whether one runs a script by path (which {@link #buildCommands}
     * replaces by the script's commands), and whether one builds a release, with and without a Distillery or exrm
     * dependency. Read once per text: a long Dockerfile has thousands of RUNs, and each analysis looks for the one
     * that builds the release.
     */
    private record RunReading(boolean namesScript, boolean buildsRelease, boolean buildsReleaseWithReleaseTool,
                              boolean copiesFiles) {
        static RunReading of(Instruction run) {
            boolean script = false;
            boolean builds = false;
            boolean buildsWithTool = false;
            boolean copies = false;
            for (SimpleCommand command : run.runsByText()) {
                script |= scriptPath(command) != null;
                builds |= command.buildsRelease(false, false);
                buildsWithTool |= command.buildsRelease(true, false);
                copies |= copiedPaths(command).size() == 2;
            }
            return new RunReading(script, builds, buildsWithTool, copies);
        }

        /** Whether a command builds the release, in a project with a release tool dependency or not. */
        boolean buildsRelease(boolean releaseToolDependency) {
            return releaseToolDependency ? buildsReleaseWithReleaseTool : buildsRelease;
        }
    }

    private static final RecentTexts<RunReading> RUN_READINGS = new RecentTexts<>(32_768, 2L * 1024 * 1024);

    private static RunReading runReading(Instruction run) {
        return run.readByText(RUN_READINGS, RunReading::of);
    }

    /** Whether a command the RUN runs builds the release, the project's scripts it runs followed. */
    private boolean runBuildsRelease(Stage stage, Instruction run) {
        RunReading reading = runReading(run);
        if (!reading.namesScript()) {
            return reading.buildsRelease(releaseToolDependency);
        }
        return buildCommands(stage, run).stream()
                .anyMatch(command -> command.buildsRelease(releaseToolDependency, false));
    }

    /**
     * The path of the script a command runs when it names one by path ({@code scripts/build-release},
     * {@code ./build.sh}, {@code sh bin/release}, {@code /app/bin/build}), else null: a bare name is a program on the
     * PATH.
     */
    private static String scriptPath(SimpleCommand command) {
        if (command.words().isEmpty()) {
            return null;
        }
        boolean shell = CommandWrappers.isShell(command.program());
        String word = shell ? command.word(1) : command.word(0);
        if (word == null || word.isEmpty() || word.startsWith("-") || word.contains("$")
                || !word.contains("/") && !word.endsWith(".sh")) {
            return null;
        }
        return word;
    }

    /**
     * The project script a RUN of {@code stage} runs at {@code path} (relative to the WORKDIR there), copied from the
     * build context before it; null when there is none.
     */
    private ShellScript projectScript(Stage stage, Instruction run, String path) {
        if (path == null) {
            return null;
        }
        Layout layout = layout(stage);
        Integer position = layout.positions().get(run);
        if (position == null) {
            return null;
        }
        List<ContextCopy> before = layout.contextCopies().stream().filter(copy -> copy.position() < position).toList();
        for (String candidate : contextPaths(before, inside(layout.workdirs().get(position), path))) {
            ShellScript script = contextScripts.at(this, candidate);
            if (script != null) {
                return script;
            }
        }
        return null;
    }

    /**
     * The source and destination of a {@code cp} or {@code mv} of one file ({@code cp -f a b}: options left out),
     * else an empty list.
     */
    private static List<String> copiedPaths(SimpleCommand command) {
        if (!"cp".equals(command.program()) && !"mv".equals(command.program())) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (int i = 1; i < command.words().size(); i++) {
            String word = command.word(i);
            if (!word.startsWith("-")) {
                paths.add(word);
            }
        }
        return paths;
    }

    /** The {@code RUN} that runs {@code mix release}, or null. */
    public Instruction releaseRun() {
        return release().run();
    }

    /** The stage that runs {@code mix release}, or null. */
    public Stage releaseStage() {
        return release().stage();
    }

    /** The first RUN of {@code mix release} and its stage, both null when there is none. */
    private record ReleaseRun(Instruction run, Stage stage) {
    }

    private synchronized ReleaseRun release() {
        if (release == null) {
            release = new ReleaseRun(null, null);
            search:
            for (Stage stage : dockerfile.stages()) {
                for (Instruction run : stage.all("RUN")) {
                    if (runBuildsRelease(stage, run)) {
                        release = new ReleaseRun(run, stage);
                        break search;
                    }
                }
            }
        }
        return release;
    }

    public boolean buildsRelease() {
        return releaseRun() != null;
    }

    /**
     * Whether the release is built with Distillery's own task ({@code mix distillery.release}, Distillery 2.1 on):
     * Distillery's release, configured by rel/config.exs and its providers, not Elixir's.
     */
    public boolean buildsWithDistilleryTask() {
        Instruction run = releaseRun();
        return run != null && buildCommands(releaseStage(), run).stream()
                .anyMatch(command -> command.buildsRelease(releaseToolDependency, false)
                        && !command.runsMixTask("release"));
    }

    /**
     * Whether the final stage (or a stage it is built FROM) copies a release in: from another stage of this file,
     * or a path of a release's build output ({@code _build/prod/rel/shop}, {@code rel/…}) from anywhere.
     */
    public boolean copiesRelease() {
        Stage last = finalStage();
        if (last == null) {
            return false;
        }
        for (Copy copy : copies(last)) {
            if (copy.fromStage() != null && stage(copy.fromStage()) != null
                    || copy.sources().stream().anyMatch(DockerImage::releaseOutput)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the final stage holds a release: it is built FROM the stage that builds one, or copies one in. A last
     * stage that does neither (a stub left for later, {@code FROM debian} with {@code CMD ["/bin/bash"]}) runs none.
     */
    public boolean finalStageHoldsRelease() {
        Stage last = finalStage();
        return last != null && (releaseStage() != null && chain(last).contains(releaseStage()) || copiesRelease());
    }

    private static boolean releaseOutput(String source) {
        String path = "/" + source.replace('\\', '/');
        return path.contains("/_build") || path.contains("/rel/") || path.endsWith("/rel");
    }

    /**
     * Whether the Dockerfile builds or runs Elixir: a stage FROM an Elixir, Erlang or BEAM image, or a RUN of Mix.
     * An image without either is a companion service's (Grafana, a proxy), not the app's.
     */
    public boolean runsElixir() {
        for (Stage stage : dockerfile.stages()) {
            String image = resolvedImage(stage).toLowerCase(Locale.ROOT);
            if (image.contains("elixir") || image.contains("erlang") || image.contains("beam")
                    || stage.all("RUN").stream().anyMatch(Instruction::runsMix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Elixir the release is built with, from the tag of an Elixir image its stage starts FROM (after ARG
     * substitution: {@code hexpm/elixir:${ELIXIR_VERSION}-erlang-…}), or null.
     */
    public ElixirVersion elixirVersion() {
        Stage build = releaseStage() != null ? releaseStage() : finalStage();
        if (build == null) {
            return null;
        }
        for (Stage stage : chain(build)) {
            String image = resolvedImage(stage);
            int colon = image.lastIndexOf(':');
            if (image.toLowerCase(Locale.ROOT).contains("elixir") && colon > image.lastIndexOf('/')) {
                return ElixirVersion.find(image.substring(colon + 1));
            }
        }
        return null;
    }

    /** The MIX_ENV the release is built with (ENV, ARG or {@code MIX_ENV=… mix release}), or null. */
    public String mixEnv() {
        Stage stage = releaseStage();
        if (stage == null) {
            return null;
        }
        Instruction run = releaseRun();
        for (SimpleCommand command : buildCommands(stage, run)) {
            if (command.buildsRelease(releaseToolDependency, false) && command.assignments().containsKey("MIX_ENV")) {
                return command.assignments().get("MIX_ENV");
            }
        }
        // The one binding, not the stage's variables: a long builder stage declares thousands.
        Binding binding = binding(stage, run, "MIX_ENV");
        return binding == null ? null : binding.value();
    }

    /**
     * Whether the build must pass the MIX_ENV the release is built with: an {@code ARG MIX_ENV} without a default in
     * the release's stages ({@code ENV MIX_ENV=${MIX_ENV:-test}} after it only covers a build that passes none). An
     * {@code ARG MIX_ENV=docker} is what the repository's own builds use.
     */
    public boolean mixEnvPassedByBuild() {
        Stage stage = releaseStage();
        if (stage == null) {
            return false;
        }
        for (Stage built : chain(stage)) {
            for (Instruction arg : built.all("ARG")) {
                if (arg.settings().stream()
                        .anyMatch(setting -> setting.name().equals("MIX_ENV") && setting.value() == null)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The commands of the release stage's RUNs up to and including {@code mix release}, wrappers seen through. */
    public List<SimpleCommand> releaseBuild() {
        Stage stage = releaseStage();
        List<SimpleCommand> steps = new ArrayList<>();
        if (stage == null) {
            return steps;
        }
        List<Stage> chain = chain(stage);
        for (int i = chain.size() - 1; i >= 0; i--) {
            for (Instruction run : chain.get(i).all("RUN")) {
                for (SimpleCommand command : buildCommands(chain.get(i), run)) {
                    steps.add(command);
                    if (command.buildsRelease(releaseToolDependency, false)) {
                        return steps;
                    }
                }
            }
        }
        return steps;
    }

    /**
     * Whether the final stage holds only what it copies from other stages: it starts from an image that is not
     * an Elixir one (debian, alpine …), copies {@code --from} a stage, and neither builds the release nor installs
     * Elixir. Mix does not exist there.
     */
    public boolean finalStageWithoutMix() {
        Stage stage = finalStage();
        if (stage == null || dockerfile.parent(stage) != null
                || stage.all("COPY").stream().noneMatch(copy -> copy.text().contains("--from"))) {
            return false;
        }
        for (Instruction run : stage.all("RUN")) {
            if (run.runsMix() && run.runsByText().stream().anyMatch(SimpleCommand::runsReleaseTask)
                    || run.text().toLowerCase(Locale.ROOT).contains("elixir")) {
                return false;
            }
        }
        String image = resolvedImage(stage).toLowerCase(Locale.ROOT);
        return !image.isEmpty() && !image.contains("$") && !image.contains("elixir") && !image.contains("erlang")
                && !image.contains("beam");
    }

    /**
     * Whether the image, started by {@code launch}, serves the app in prod with Mix and never starts the release: its
     * final stage has Mix, and a command of the start serves the app ({@code mix phx.server},
     * {@code mix run --no-halt}) with {@code MIX_ENV=prod} ({@link #mixEnvironment}). Such an image is a Mix deployment, whatever it built of a
     * release; one that serves in dev (no {@code MIX_ENV}, or {@code dev}) is a development image.
     */
    public boolean servesWithMix(Launch launch) {
        return launch != null && launch.releaseStart() == null && finalStageHasMix()
                && launch.commands().stream().anyMatch(start -> !start.assumed() && start.command().isMixServing()
                        && "prod".equals(mixEnvironment(start.command())));
    }

    /**
     * The {@code MIX_ENV} a command of the image's start runs with: its own ({@code MIX_ENV=prod mix phx.server}, or
     * what the script it is written in exported before it), else the final stage's {@code ENV}; null when neither
     * sets it (Mix then runs in dev).
     */
    public String mixEnvironment(SimpleCommand command) {
        Stage last = finalStage();
        String image = last == null ? null : environment(last).get("MIX_ENV");
        return command.assignments().getOrDefault("MIX_ENV", image);
    }

    /**
     * Whether Mix can run in the final stage: it starts, itself or through the stages it is built FROM, from an Elixir
     * image ({@code elixir}, {@code hexpm/elixir}, or one whose name cannot be read), or a step installs Elixir.
     */
    private boolean finalStageHasMix() {
        Stage last = finalStage();
        if (last == null) {
            return false;
        }
        for (Stage stage : chain(last)) {
            String image = resolvedImage(stage).toLowerCase(Locale.ROOT);
            if (image.isEmpty() || image.contains("$") || image.contains("elixir") || stage.all("RUN").stream()
                    .anyMatch(run -> run.text().toLowerCase(Locale.ROOT).contains("elixir"))) {
                return true;
            }
        }
        return false;
    }

    /** Where the final stage puts the release it copies from the build stage ("/app"), or null when unclear. */
    public String releaseRoot() {
        return releaseCopyDestination(false);
    }

    /**
     * Where the final stage puts the build's whole {@code rel/} folder ({@code COPY --from=builder
     * /app/_build/prod/rel ./}), or null: the release is then one folder deeper, in {@code /app/<release>/}.
     */
    public String releaseFolderParent() {
        return releaseCopyDestination(true);
    }

    private String releaseCopyDestination(boolean wholeFolder) {
        Stage last = finalStage();
        if (last == null || !buildsRelease()) {
            return null;
        }
        String workdir = null;
        for (Instruction instruction : last.instructions()) {
            if (instruction.is("WORKDIR")) {
                String dir = workdirOf(instruction);
                workdir = dir.startsWith("/") ? dir : null;
            } else if (instruction.is("COPY") && instruction.text().contains("--from")
                    && (instruction.text().contains("/rel/") || copiesRelFolder(instruction))) {
                if (wholeFolder != copiesRelFolder(instruction)) {
                    return null;
                }
                String destination = copy(instruction).destination();
                if (destination.contains("$")) {
                    return null;
                }
                if (destination.startsWith("/")) {
                    return trimSlash(destination);
                }
                if (workdir == null) {
                    return null;
                }
                String relative = destination.startsWith("./") ? destination.substring(2)
                        : destination.equals(".") ? "" : destination;
                return trimSlash(relative.isEmpty() ? workdir : trimSlash(workdir) + "/" + relative);
            }
        }
        return null;
    }

    /** Whether a copy from another stage takes the build's whole {@code …/rel} folder, not one release in it. */
    boolean copiesRelFolder(Instruction instruction) {
        Copy copy = copy(instruction);
        return copy.fromStage() != null && copy.sources().size() == 1
                && trimSlash(copy.sources().get(0)).matches(".*/_build/[^/]+/rel");
    }

    /**
     * The project file the release build puts at {@code target} (a path relative to the project, such as
     * {@code config/prod.secret.exs}) before it runs {@code mix release}: the source of a {@code COPY} from the build
     * context, or of a {@code RUN cp}/{@code mv}, that lands there (relative to the stage's WORKDIR); null when
     * nothing does. Only plain relative sources count: a glob or a variable cannot be told.
     */
    public String copiedOnto(String target) {
        return copiesBeforeRelease().get(target);
    }

    /**
     * What {@link AssetPipeline#of} finds with {@code find}, worked out again only for another list of mix.exs files
     * (the same list object: the project's, read once per analysis).
     */
    synchronized List<AssetPipeline> assetPipelines(List<MixExs> mixfiles,
                                                    Function<List<MixExs>, List<AssetPipeline>> find) {
        if (assetPipelinesMixfiles != mixfiles) {
            assetPipelines = find.apply(mixfiles);
            assetPipelinesMixfiles = mixfiles;
        }
        return assetPipelines;
    }

    /**
     * Every path the release build copies a project file onto before {@code mix release}, as {@link #copiedOnto}
     * reads it, with its source (null where the last copy there cannot be followed).
     */
    public synchronized Map<String, String> copiesBeforeRelease() {
        if (copiesBeforeRelease == null) {
            copiesBeforeRelease = Collections.unmodifiableMap(findCopiesBeforeRelease());
        }
        return copiesBeforeRelease;
    }

    /**
     * Lands what the {@code cp} and {@code mv} commands of a RUN copy before a command that builds the release; true
     * when one does.
     */
    private boolean landCopiedPaths(Map<String, String> copies, Stage stage, Instruction run, String workdir) {
        Map<String, String> variables = null;
        for (SimpleCommand command : buildCommands(stage, run)) {
            if (command.buildsRelease(releaseToolDependency, false)) {
                return true;
            }
            List<String> paths = copiedPaths(command);
            if (paths.size() == 2) {
                variables = variables != null ? variables : variables(stage, run);
                Map<String, String> known = new LinkedHashMap<>(variables);
                known.putAll(command.assignments());
                land(copies, paths.get(1), workdir, substitute(paths.get(0), known));
            }
        }
        return false;
    }

    private Map<String, String> findCopiesBeforeRelease() {
        Map<String, String> copies = new LinkedHashMap<>();
        Stage stage = releaseStage();
        if (stage == null) {
            return copies;
        }
        String workdir = "";
        Instruction release = releaseRun();
        for (Stage current : chain(stage)) {
            for (Instruction instruction : current.instructions()) {
                if (instruction.is("WORKDIR")) {
                    String dir = workdirOf(instruction);
                    workdir = dir.startsWith("/") ? trimSlash(dir) : trimSlash(workdir) + "/" + trimSlash(dir);
                } else if (instruction.is("COPY") || instruction.is("ADD")) {
                    Copy copy = copy(instruction);
                    if (copy.fromStage() == null && copy.sources().size() == 1) {
                        land(copies, copy.destination(), workdir, copy.sources().get(0));
                    }
                } else if (instruction.is("RUN")) {
                    RunReading reading = runReading(instruction);
                    // Read by its text alone where it runs no script and copies nothing: most RUNs.
                    if (!reading.namesScript() && !reading.copiesFiles()) {
                        if (reading.buildsRelease(releaseToolDependency)) {
                            return copies;
                        }
                    } else if (landCopiedPaths(copies, current, instruction, workdir)) {
                        return copies;
                    }
                }
                if (instruction == release) {
                    return copies;
                }
            }
        }
        return copies;
    }

    /**
     * Records a copy onto {@code destination}, written in a stage whose WORKDIR is {@code workdir}, under each project
     * path it lands on: the destination as written, and relative to the WORKDIR when it lies inside it.
     */
    private static void land(Map<String, String> copies, String destination, String workdir, String source) {
        String written = destination.startsWith("./") ? destination.substring(2) : destination;
        copies.put(written, plainSource(source));
        String inside = trimSlash(workdir) + "/";
        if (!workdir.isEmpty() && written.startsWith(inside)) {
            copies.put(written.substring(inside.length()), plainSource(source));
        }
    }

    private static String plainSource(String source) {
        String path = source.startsWith("./") ? source.substring(2) : source;
        return path.startsWith("/") || path.indexOf('$') >= 0 || path.indexOf('*') >= 0 || path.contains("..") ? null
                : path;
    }

    /**
     * Where the build context's files may be that a stage holds at {@code path} (absolute in the stage's file
     * system), by the COPY and ADD from the context that may have put something there, the last one first:
     * {@code COPY . /app/} gives {@code bin/start} for /app/bin/start. Candidates, since a copy's source may be a file
     * or a folder; empty when nothing from the context lands there.
     */
    public List<String> contextPaths(Stage stage, String path) {
        return contextPaths(layout(stage).contextCopies(), path);
    }

    private static List<String> contextPaths(List<ContextCopy> copies, String path) {
        List<String> found = new ArrayList<>();
        for (int i = copies.size() - 1; i >= 0; i--) {
            found.addAll(landedFrom(copies.get(i).destination(), copies.get(i).source(), path));
        }
        return found;
    }

    /** A COPY or ADD of a plain path from the build context, onto an absolute destination; {@code ""} is the context. */
    private record ContextCopy(int position, String destination, String source) {
    }

    /**
     * A stage and those it is built FROM, read once, oldest first: the WORKDIR in effect at each instruction and the
     * copies from the build context. Scripts of every RUN ask where they come from.
     */
    private record Layout(Map<Instruction, Integer> positions, List<String> workdirs, List<ContextCopy> contextCopies) {
    }

    private synchronized Layout layout(Stage stage) {
        Layout layout = layouts.get(stage);
        if (layout != null) {
            return layout;
        }
        List<Stage> chain = new ArrayList<>(chain(stage));
        Collections.reverse(chain);
        Map<Instruction, Integer> positions = new IdentityHashMap<>();
        List<String> workdirs = new ArrayList<>();
        List<ContextCopy> copies = new ArrayList<>();
        for (Stage current : chain) {
            List<String> inStage = workdirs(current);
            for (int i = 0; i < current.instructions().size(); i++) {
                Instruction instruction = current.instructions().get(i);
                String workdir = inStage.get(i);
                positions.put(instruction, workdirs.size());
                workdirs.add(workdir);
                if (instruction.is("COPY") || instruction.is("ADD")) {
                    Copy copy = copy(instruction);
                    String source = copy.sources().size() == 1 ? copy.sources().get(0) : null;
                    String plain = source == null ? null : source.equals(".") || source.equals("./") ? "" : plainSource(source);
                    if (copy.fromStage() == null && plain != null && !copy.destination().contains("$")) {
                        copies.add(new ContextCopy(workdirs.size() - 1, inside(workdir, copy.destination()),
                                trimSlash(plain)));
                    }
                }
            }
        }
        layout = new Layout(positions, workdirs, List.copyOf(copies));
        layouts.put(stage, layout);
        return layout;
    }

    /**
     * The paths inside a copy's source that land on {@code target} when it is copied onto {@code destination}: the
     * source itself (a file copied onto that name, or into that folder), or what a folder holds (Docker copies a
     * folder's contents). The source "" stands for the whole build context.
     */
    static List<String> landedFrom(String destination, String source, String target) {
        String folder = trimSlash(destination);
        String name = source.substring(source.lastIndexOf('/') + 1);
        if (target.equals(folder)) {
            return source.isEmpty() ? List.of() : List.of(source);
        }
        if (!target.startsWith(folder.endsWith("/") ? folder : folder + "/")) {
            return List.of();
        }
        String rest = target.substring(folder.endsWith("/") ? folder.length() : folder.length() + 1);
        List<String> paths = new ArrayList<>();
        paths.add(source.isEmpty() ? rest : source + "/" + rest);
        if (!source.isEmpty() && rest.equals(name)) {
            paths.add(source);
        }
        return paths;
    }

    /** {@code path} taken from {@code workdir}: itself when absolute. */
    static String inside(String workdir, String path) {
        String relative = path.startsWith("./") ? path.substring(2) : path.equals(".") ? "" : path;
        if (relative.startsWith("/")) {
            return relative;
        }
        String base = trimSlash(workdir.isEmpty() ? "/" : workdir);
        return relative.isEmpty() ? base : (base.equals("/") ? "/" : base + "/") + relative;
    }

    /** The last WORKDIR of a stage and the stages it is built FROM, "/" when none sets one. */
    public String workdir(Stage stage) {
        List<Stage> chain = new ArrayList<>(chain(stage));
        Collections.reverse(chain);
        String workdir = "/";
        for (Stage current : chain) {
            for (Instruction instruction : current.all("WORKDIR")) {
                workdir = inside(workdir, workdirOf(instruction));
            }
        }
        return workdir;
    }

    /**
     * The WORKDIR in effect at each instruction of {@code stage}, in the order of its instructions: where a relative
     * path there, such as a copy's destination, is taken from. It starts from the last WORKDIR of the stage it is
     * built FROM.
     */
    public synchronized List<String> workdirs(Stage stage) {
        List<String> known = stageWorkdirs.get(stage);
        if (known != null) {
            return known;
        }
        List<Stage> chain = chain(stage);
        String workdir = chain.size() > 1 ? workdir(chain.get(1)) : "/";
        List<String> workdirs = new ArrayList<>(stage.instructions().size());
        for (Instruction instruction : stage.instructions()) {
            workdirs.add(workdir);
            if (instruction.is("WORKDIR")) {
                workdir = inside(workdir, workdirOf(instruction));
            }
        }
        stageWorkdirs.put(stage, workdirs);
        return workdirs;
    }

    /** The COPY and ADD instructions of a stage and the stages it is built FROM. */
    public List<Copy> copies(Stage stage) {
        List<Copy> copies = new ArrayList<>();
        for (Stage current : chain(stage)) {
            for (Instruction instruction : current.instructions()) {
                if (instruction.is("COPY") || instruction.is("ADD")) {
                    copies.add(copy(instruction));
                }
            }
        }
        return copies;
    }

    /** The COPY or ADD {@code instruction} of this image, read once. */
    synchronized Copy copy(Instruction instruction) {
        return copyOf.computeIfAbsent(instruction, Copy::of);
    }

    private static boolean nameHas(String fileName, Set<String> words) {
        for (String part : fileName.toLowerCase(Locale.ROOT).split("[._\\-]")) {
            if (words.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** The folder a WORKDIR instruction names, as written, quotes removed. */
    private static String workdirOf(Instruction workdir) {
        return workdir.text().trim().substring("WORKDIR".length()).trim().replace("\"", "");
    }

    static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
