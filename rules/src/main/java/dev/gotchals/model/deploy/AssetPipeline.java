package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.mix.MixAliases;
import dev.gotchals.mix.MixExs;
import dev.gotchals.mix.Release;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.shell.Word;
import dev.gotchals.syntax.Deadline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a Dockerfile stage that runs {@code mix release} gets the front-end assets into the release: its build steps in
 * the order they run (those of the stages it is built FROM first), with the Mix tasks each runs through the project's
 * aliases, and where the assets are built and digested relative to the release: before it, in a stage whose
 * {@code priv/static} is copied in, or too late after it.
 */
public final class AssetPipeline {
    private static final String PRIV_STATIC = "priv/static";

    private final DockerImage image;
    private final Stage stage;
    private final List<MixAliases> aliases;
    /** Whether {@code mix release} runs project code before assembling (its release's {@code steps:}). */
    private final boolean releaseRunsOwnSteps;
    private final List<BuildStep> steps = new ArrayList<>();
    private int release = -1;

    private AssetPipeline(DockerImage image, Stage stage, List<MixExs> mixfiles) {
        this.image = image;
        this.stage = stage;
        this.aliases = mixfiles.stream().map(MixExs::aliases).toList();
        this.releaseRunsOwnSteps = mixfiles.stream().flatMap(mix -> mix.releases().stream())
                .anyMatch(Release::runsOwnStepsBeforeAssembly);
        List<Stage> chain = image.chain(stage);
        for (int i = chain.size() - 1; i >= 0; i--) {
            for (Instruction instruction : chain.get(i).instructions()) {
                Deadline.check();
                if (instruction.is("COPY") || instruction.is("ADD")) {
                    steps.add(new BuildStep(instruction, null, image.copy(instruction), List.of(), true));
                } else if (instruction.is("RUN")) {
                    // Whether any command is Mix is read once per text: most RUNs of a long Dockerfile are not.
                    boolean mix = instruction.runsMix();
                    for (SimpleCommand command : instruction.runsByText()) {
                        BuildStep step = mix ? step(instruction, command)
                                : new BuildStep(instruction, command, null, List.of(), true);
                        release = release < 0 && i == 0 && step.releases() ? steps.size() : release;
                        steps.add(step);
                    }
                }
            }
        }
    }

    /**
     * The stages of an image that run {@code mix release} themselves, each with its steps.
     *
     * @param mixfiles the project's mix.exs files, its own first: a task the first's aliases do not define runs as
     *                 the first app that defines it expands it
     */
    public static List<AssetPipeline> of(DockerImage image, List<MixExs> mixfiles) {
        return image.assetPipelines(mixfiles, files -> find(image, files));
    }

    private static List<AssetPipeline> find(DockerImage image, List<MixExs> mixfiles) {
        List<AssetPipeline> pipelines = new ArrayList<>();
        for (Stage stage : image.dockerfile().stages()) {
            boolean runsMix = stage.all("RUN").stream().anyMatch(Instruction::runsMix);
            AssetPipeline pipeline = runsMix ? new AssetPipeline(image, stage, mixfiles) : null;
            if (pipeline != null && pipeline.release() != null) {
                pipelines.add(pipeline);
            }
        }
        return List.copyOf(pipelines);
    }

    private BuildStep step(Instruction run, SimpleCommand command) {
        if (!command.isMix()) {
            return new BuildStep(run, command, null, List.of(), true); // most commands of a long Dockerfile
        }
        List<String> tasks = new ArrayList<>();
        boolean complete = true;
        for (String written : command.mixTasks()) {
            MixAliases.Expansion expansion = expand(written);
            tasks.addAll(expansion.tasks());
            // A release whose own steps run code before assembling may build the assets there.
            complete &= expansion.complete() && !(releaseRunsOwnSteps && expansion.tasks().contains("release"));
        }
        return new BuildStep(run, command, null, List.copyOf(tasks), complete);
    }

    private MixAliases.Expansion expand(String task) {
        for (MixAliases candidate : aliases) {
            if (candidate.has(task)) {
                return candidate.expand(task);
            }
        }
        // An alias of a mix.exs whose aliases cannot be read may run anything under this name.
        return new MixAliases.Expansion(List.of(task), aliases.stream().allMatch(MixAliases::readable));
    }

    /** The stage that runs the release. */
    public Stage stage() {
        return stage;
    }

    /** The stage's first command that runs {@code mix release}, directly or through an alias. */
    public BuildStep release() {
        return release < 0 ? null : steps.get(release);
    }

    /** The steps before the release, from the oldest stage of the chain on. */
    public List<BuildStep> beforeRelease() {
        return steps.subList(0, release);
    }

    /** The steps of the stage after the release. */
    public List<BuildStep> afterRelease() {
        return steps.subList(release + 1, steps.size());
    }

    /**
     * Whether the assets are built and digested before the release assembles priv/static: by an earlier step, by the
     * release's own command or alias before it runs {@code release}, by a script that cannot be read, or in a stage
     * whose files are copied in.
     */
    public boolean digestsBeforeRelease() {
        return readyBeforeRelease(true);
    }

    /** Whether the assets are built before the release, digested or not (see {@link #digestsBeforeRelease()}). */
    public boolean buildsBeforeRelease() {
        return readyBeforeRelease(false);
    }

    private boolean readyBeforeRelease(boolean digested) {
        BuildStep own = release();
        return !own.complete() || ready(own.tasksBeforeRelease(), digested) || beforeRelease().stream()
                .anyMatch(step -> ready(step, digested) || step.opaque()
                        || step.copy() != null && bringsAssets(step.copy(), digested));
    }

    private static boolean ready(List<String> tasks, boolean digested) {
        return digested ? BuildStep.digesting(tasks) : BuildStep.building(tasks);
    }

    private static boolean ready(BuildStep step, boolean digested) {
        return digested ? step.digests() : step.builds();
    }

    /** The first step that builds and digests the assets after the release has assembled priv/static, or null. */
    public BuildStep digestAfterRelease() {
        return readyAfterRelease(true);
    }

    private BuildStep readyAfterRelease(boolean digested) {
        if (ready(release().tasksAfterRelease(), digested)) {
            return release();
        }
        return afterRelease().stream().filter(step -> ready(step, digested)).findFirst().orElse(null);
    }

    /** The first step that builds the assets, digested or not, after the release, or null. */
    public BuildStep buildAfterRelease() {
        return readyAfterRelease(false);
    }

    /**
     * Whether the release ends up with digested assets: built before it, or built after it and then copied into the
     * assembled release ({@code cp -r priv/static _build/prod/rel/…}).
     */
    public boolean shipsDigestedAssets() {
        return ships(true);
    }

    /**
     * Whether the release ends up with built assets, digested or not: what a project needs that serves priv/static
     * without a {@code cache_static_manifest}.
     */
    public boolean shipsBuiltAssets() {
        return ships(false);
    }

    private boolean ships(boolean digested) {
        if (readyBeforeRelease(digested)) {
            return true;
        }
        BuildStep late = readyAfterRelease(digested);
        if (late == null) {
            return false;
        }
        if (late != release() && digestsIntoRelease(late)) {
            return true;
        }
        List<BuildStep> after = afterRelease();
        int from = late == release() ? 0 : after.indexOf(late) + 1;
        return after.subList(from, after.size()).stream().anyMatch(AssetPipeline::copiesIntoRelease)
                || laterStageTakesBuiltAssets();
    }

    /**
     * Whether a later stage copies this stage's priv/static (built after the release) into its own files: a runner
     * that puts the digested assets into the release by hand ({@code COPY --from=builder /app/priv/static …}).
     */
    private boolean laterStageTakesBuiltAssets() {
        for (Stage later : image.dockerfile().stages()) {
            if (later.index() <= stage.index()) {
                continue;
            }
            for (Instruction instruction : later.all("COPY")) {
                Copy copy = image.copy(instruction);
                if (copy.fromStage() != null && stage.equals(image.stage(copy.fromStage())) && copy.involves(PRIV_STATIC)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a step digests straight into an assembled release ({@code mix phx.digest -o
     * _build/prod/rel/<name>/lib/<app>-<vsn>/priv/static}): the digested files land where the release serves them.
     */
    private static boolean digestsIntoRelease(BuildStep step) {
        if (step.written() == null || !step.tasks().equals(List.of("phx.digest"))) {
            return false;
        }
        List<String> words = step.written().words().stream().map(Word::text).toList();
        for (int i = 2; i < words.size(); i++) {
            String word = words.get(i);
            String output = word.startsWith("--output=") ? word.substring("--output=".length())
                    : (word.equals("-o") || word.equals("--output")) && i + 1 < words.size() ? words.get(i + 1) : null;
            if (output != null && output.contains("rel/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a step copies priv/static into an assembled release ({@code …/rel/<name>/lib/<app>-<vsn>/priv}). */
    private static boolean copiesIntoRelease(BuildStep step) {
        if (step.copy() != null) {
            return step.copy().involves(PRIV_STATIC) && step.copy().destination().contains("rel/");
        }
        List<String> words = step.written().words().stream().map(Word::text).toList();
        return Set.of("cp", "rsync").contains(step.written().program()) && words.size() > 2
                && words.subList(1, words.size() - 1).stream().anyMatch(word -> word.contains(PRIV_STATIC))
                && words.get(words.size() - 1).contains("rel/");
    }

    /** Whether a COPY or ADD before the release brings {@code folder} (or all of the context) into the stage. */
    public boolean copiesFromContext(String folder) {
        return beforeRelease().stream().anyMatch(step -> step.copy() != null && step.copy().bringsAnyOf(folder));
    }

    /**
     * Whether a COPY brings built assets: anything from another stage of the file that builds them (or is built FROM
     * one that does), or priv/static from an image outside the file.
     */
    public boolean bringsBuiltAssets(Copy copy) {
        return bringsAssets(copy, false);
    }

    /**
     * Whether a COPY brings built (or {@code digested}) assets: anything from another stage of the file that builds
     * (digests) them or is built FROM one that does, priv/static from a stage that runs a script the model cannot
     * read (the project's own build script), or priv/static from an image outside the file, which cannot be read.
     */
    private boolean bringsAssets(Copy copy, boolean digested) {
        if (copy.fromStage() == null) {
            return false;
        }
        Stage from = image.stage(copy.fromStage());
        boolean builtStatic = copy.involves(PRIV_STATIC) && !digested;
        if (from == null) {
            return copy.involves(PRIV_STATIC);
        }
        return !from.equals(stage) && image.chain(from).stream().flatMap(source -> source.all("RUN").stream())
                .anyMatch(run -> run.runsByText().stream().map(command -> step(run, command))
                        .anyMatch(step -> ready(step, digested) || builtStatic && step.opaque()));
    }
}
