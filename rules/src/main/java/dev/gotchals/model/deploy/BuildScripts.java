package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.MixLock;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The project's own shell scripts that build the release ({@code mix release}, on a build host or the production
 * host itself), and the variables they set for that build: exported or assigned before the command, or in its
 * prefix ({@code MIX_ENV=prod mix release}). Config read at build time gets those values by design.
 */
public final class BuildScripts {
    /** A Render service's variables, which the build sees too: a config that reads one is built on Render. */
    private static final String RENDER_VARIABLE = "\"RENDER_";
    /** The build script Render's Phoenix guide writes, which the service's build command runs. */
    private static final String RENDER_BUILD_SCRIPT = "build.sh";
    /** Phoenix's task that writes the Release module, bin/server and bin/migrate. */
    public static final String PHX_GEN_RELEASE = "phx.gen.release";
    /** Programs that package a build or send it elsewhere: a script that runs one after the release ships it. */
    private static final Set<String> SHIPPING = Set.of("tar", "zip", "7z", "scp", "rsync", "sftp", "aws", "gsutil",
            "az", "gh", "ssh", "s3cmd", "rclone");

    private final Set<String> releaseVariables;
    private final DocumentSnapshot releaseScript;
    private final SimpleCommand releaseCommand;
    private final String releaseTask;
    private final boolean generatesReleaseFiles;
    private final boolean onRender;
    private final boolean shipsRelease;
    private final boolean migratesWithMix;
    private final boolean buildsOnServer;
    private final boolean buildsWithEnvironmentFile;

    private BuildScripts(Set<String> releaseVariables, DocumentSnapshot releaseScript, SimpleCommand releaseCommand,
                         String releaseTask, boolean generatesReleaseFiles, boolean onRender, boolean shipsRelease,
                         boolean migratesWithMix, boolean buildsOnServer, boolean buildsWithEnvironmentFile) {
        this.buildsWithEnvironmentFile = buildsWithEnvironmentFile;
        this.shipsRelease = shipsRelease;
        this.migratesWithMix = migratesWithMix;
        this.buildsOnServer = buildsOnServer;
        this.releaseVariables = Set.copyOf(releaseVariables);
        this.releaseScript = releaseScript;
        this.releaseCommand = releaseCommand;
        this.releaseTask = releaseTask;
        this.generatesReleaseFiles = generatesReleaseFiles;
        this.onRender = onRender;
    }

    /**
     * Whether a {@code tar} unpacks rather than packages ({@code tar xzvf shop.tar.gz} into the folder the release runs
     * from, on the machine that built it): that ships nothing.
     */
    private static boolean unpacks(SimpleCommand command) {
        if (!command.program().equals("tar")) {
            return false;
        }
        for (int i = 1; i < command.words().size(); i++) {
            String word = command.word(i);
            if (word.equals("--extract") || word.equals("--get")) {
                return true;
            }
            boolean cluster = word.startsWith("-") && !word.startsWith("--") || i == 1 && !word.startsWith("-");
            if (cluster && word.indexOf('x') >= 0) {
                return true; // -xzf, or the old form's first word: xzvf
            }
        }
        return false;
    }

    public static BuildScripts of(ProjectContext project) {
        return project.model(BuildScripts.class, BuildScripts::read);
    }

    private static BuildScripts read(ProjectContext project) {
        Set<String> variables = new LinkedHashSet<>();
        DocumentSnapshot releaseScript = null;
        SimpleCommand releaseCommand = null;
        String releaseTask = null;
        boolean generatesReleaseFiles = false;
        boolean ships = false;
        boolean migrates = false;
        boolean onServer = false;
        boolean withEnvironmentFile = false;
        Path root = project.project().root();
        Map<DocumentSnapshot, List<Step>> scripts = new LinkedHashMap<>();
        Set<String> building = new HashSet<>();
        // A script's `mix release` builds nothing on an Elixir before 1.9 without Distillery or exrm: a leftover of an
        // exrm setup whose dependency is gone (the Elixir asdf or mise installs for the build, where known).
        MixFiles mix = MixFiles.of(project);
        boolean releaseTool = mix.bringsReleaseTool(MixLock.of(project));
        ElixirVersion elixir = DeployModel.toolVersion(project, false);
        boolean elixirLacksReleaseTask = elixir != null && !elixir.atLeast(ElixirVersion.RELEASES);
        Predicate<SimpleCommand> buildsRelease = command -> command.buildsRelease(releaseTool, elixirLacksReleaseTask);
        for (DocumentSnapshot file : project.files(FileRole.BUILD_SCRIPT)) {
            ScriptFile script = ScriptFile.read(file);
            if (script != null) {
                List<Step> steps = Step.of(script.script());
                scripts.put(file, steps);
                if (steps.stream().anyMatch(step -> step.runs().stream().anyMatch(buildsRelease))) {
                    building.add(root.relativize(file.path()).toString().replace('\\', '/'));
                }
            }
        }
        CiWorkflows workflows = CiWorkflows.of(project);
        for (Map.Entry<DocumentSnapshot, List<Step>> script : scripts.entrySet()) {
            DocumentSnapshot file = script.getKey();
            boolean generated = false;
            boolean built = false;
            boolean migrated = false;
            boolean loaded = false;
            // A script CI runs on a server over ssh (`ssh deploy@host ./app/scripts/deploy.sh`) runs there whole.
            boolean runOverSsh = workflows.runsOverSsh(root.relativize(file.path()).toString().replace('\\', '/'));
            for (Step step : script.getValue()) {
                boolean remote = step.remote() || runOverSsh;
                for (SimpleCommand command : step.runs()) {
                    migrated |= command.runsMixTask("ecto.migrate");
                    generated |= command.runsMixTask(PHX_GEN_RELEASE);
                    ships |= built && SHIPPING.contains(command.program()) && !unpacks(command);
                    loaded |= loadsEnvironmentFile(command);
                    if (building.contains(scriptRun(command))) {
                        // `bin/build && bin/deploy-release && mix ecto.migrate`: the script builds through another.
                        built = true;
                        withEnvironmentFile |= loaded;
                        onServer |= remote;
                    }
                    if (buildsRelease.test(command)) {
                        built = true;
                        withEnvironmentFile |= loaded;
                        onServer |= remote;
                        generatesReleaseFiles |= generated;
                        variables.addAll(command.assignments().keySet());
                        if (releaseScript == null) {
                            releaseScript = file;
                            releaseCommand = remote ? step.written() : command; // where the file shows it
                            releaseTask = command.runsMixTask("release") ? "release" : "distillery.release";
                        }
                    }
                }
            }
            migrates |= built && migrated;
        }
        boolean onRender = releaseScript != null && (project.file(root.resolve("render.yaml")) != null
                || project.files(FileRole.CONFIG).stream().anyMatch(file -> file.text().text().contains(RENDER_VARIABLE))
                || rendersBuildScript(project, releaseScript, releaseCommand, scripts.get(releaseScript)));
        return new BuildScripts(variables, releaseScript, releaseCommand, releaseTask, generatesReleaseFiles, onRender,
                ships || onRender || onServer, migrates, onServer, withEnvironmentFile);
    }

    /**
     * Whether the release script is Render's build script as its Phoenix guide writes it, set as the service's build
     * command in the dashboard: {@code build.sh} at the project's root, whose release step overwrites the last build in
     * place ({@code MIX_ENV=prod mix release --overwrite}, or {@code rm -rf "_build"} before it in the guide's earlier
     * version), which nothing of the repository runs itself.
     */
    private static boolean rendersBuildScript(ProjectContext project, DocumentSnapshot script, SimpleCommand release,
                                              List<Step> steps) {
        if (!script.path().equals(project.project().root().resolve(RENDER_BUILD_SCRIPT)) || !release.runsMixTask("release")
                || release.words().stream().noneMatch(word -> word.text().equals("--overwrite"))
                && steps.stream().flatMap(step -> step.runs().stream()).noneMatch(BuildScripts::removesBuildFolder)) {
            return false;
        }
        // Render's build command only builds: a script that goes on to start the release runs it where it builds.
        if (steps.stream().flatMap(step -> step.runs().stream()).anyMatch(command ->
                command.word(0).contains("/bin/") && Launch.startsNode(command.word(1)))) {
            return false;
        }
        for (FileRole role : List.of(FileRole.CI_WORKFLOW, FileRole.DOCKERFILE, FileRole.DEPLOY_MANIFEST)) {
            if (project.files(role).stream().anyMatch(file -> file.text().text().contains(RENDER_BUILD_SCRIPT))) {
                return false; // run by the repository's own build: its environment is that build's
            }
        }
        return true;
    }

    /** {@code rm -rf "_build"}: the guide's earlier way of building over the last release. */
    private static boolean removesBuildFolder(SimpleCommand command) {
        return command.program().equals("rm") && command.words().stream()
                .anyMatch(word -> word.text().replace("\"", "").replace("'", "").equals("_build"));
    }

    /**
     * A command as the script writes it, whether it runs on another host ({@code ssh host "cd app && mix release"}:
     * on the server the script deploys to), and the commands it runs, wrappers seen through.
     */
    private record Step(SimpleCommand written, boolean remote, List<SimpleCommand> runs) {
        static List<Step> of(ShellScript script) {
            List<Step> steps = new ArrayList<>();
            for (SimpleCommand written : script.commands()) {
                steps.add(new Step(written, CommandWrappers.runsOnAnotherHost(written),
                        CommandWrappers.unwrap(script.withVariablesBefore(written))));
            }
            return steps;
        }
    }

    /** The path a command runs as a script, relative to the project ({@code ./bin/build}, {@code sh bin/build}). */
    private static String scriptRun(SimpleCommand command) {
        String word = CommandWrappers.isShell(command.program()) ? command.word(1) : command.word(0);
        return word.startsWith("./") ? word.substring(2) : word;
    }

    /** Whether the command loads a file of variables into the script's environment: {@code source .env}, {@code . ./prod.env}. */
    private static boolean loadsEnvironmentFile(SimpleCommand command) {
        String program = command.program();
        return (program.equals("source") || program.equals(".")) && namesEnvironmentFile(command.word(1));
    }

    /** {@code .env}, {@code .env.prod}, {@code prod.env}, {@code env.prod}, in any folder. */
    private static boolean namesEnvironmentFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env") || name.startsWith("env.");
    }

    /**
     * Whether a script loads a file of variables ({@code source .env}) before it builds the release: the build
     * takes the deployment's values from that file on purpose, and what config reads while it runs is them.
     */
    public boolean buildsWithEnvironmentFile() {
        return buildsWithEnvironmentFile;
    }

    /**
     * Whether a script builds the release on the server it deploys to, over ssh
     * ({@code ssh host "… mix release …"}):
     * the build runs with that host's checkout and environment, and the release starts there.
     */
    public boolean buildsOnServer() {
        return buildsOnServer;
    }

    /**
     * Whether a script ships the release it builds: after {@code mix release} it packages or sends the build
     * ({@code tar}, {@code scp}, {@code rsync}, {@code aws s3 cp} …), or it is Render's build command. A script that
     * builds and starts the release where it runs (a talk demo's rebuild script) ships nothing.
     */
    public boolean shipsRelease() {
        return shipsRelease;
    }

    /**
     * Whether a script that builds the release also runs {@code mix ecto.migrate}: the deploy migrates with Mix from
     * the checkout it builds in (often the production host itself), so the release needs no migrator of its own.
     */
    public boolean migratesWithMix() {
        return migratesWithMix;
    }

    /** The variables a script sets for a {@code mix release} it runs. */
    public Set<String> releaseVariables() {
        return releaseVariables;
    }

    /**
     * Whether the release script is Render's build command (the project has a render.yaml, its config reads a
     * {@code RENDER_} variable, or the script is the root {@code build.sh} of Render's Phoenix guide): Render runs the
     * build with the service's environment, and builds again when it changes.
     */
    public boolean buildsOnRender() {
        return onRender;
    }

    /** The first script that runs {@code mix release} (a Render build script, a deploy script), or null. */
    public DocumentSnapshot releaseScript() {
        return releaseScript;
    }

    /**
     * Whether a script runs {@code mix phx.gen.release} before its {@code mix release}: the build writes the
     * Release module and {@code rel/overlays/bin/migrate} itself.
     */
    public boolean generatesReleaseFiles() {
        return generatesReleaseFiles;
    }

    /** The Mix task {@link #releaseCommand()} runs, {@code release} or {@code distillery.release}; null without one. */
    public String releaseTask() {
        return releaseTask;
    }

    /**
     * The command of {@link #releaseScript()} that builds the release, as the file writes it (the whole
     * {@code ssh host "…"} where it builds on a server), or null.
     */
    public SimpleCommand releaseCommand() {
        return releaseCommand;
    }
}
