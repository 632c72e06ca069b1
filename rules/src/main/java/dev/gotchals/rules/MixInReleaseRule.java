package dev.gotchals.rules;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.edit.ReleaseFiles;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.deploy.BuildScripts;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DeploymentVariables;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.FlyToml;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.model.deploy.LaunchCommand;
import dev.gotchals.model.deploy.Procfile;
import dev.gotchals.model.deploy.DeployManifests;
import dev.gotchals.model.deploy.Buildpacks;
import dev.gotchals.model.deploy.ScriptFile;
import dev.gotchals.model.project.EctoMigrations;
import dev.gotchals.model.project.EctoRepos;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.shell.Word;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.text.TextSearch;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GT002 mix-in-release: a project that ships as a Mix release runs {@code mix} on its production start path, or
 * has no {@code Ecto.Migrator} module to migrate with once Mix is gone.
 */
public final class MixInReleaseRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT002", "mix-in-release",
            "`mix` on the start path of a Mix release", Severity.ERROR, """
            **What it finds.** In a project that ships as a Mix release (a Dockerfile, a CI workflow or a build \
            script of the project runs `mix release`, or `mix.exs` declares `releases:` and the repository does not \
            start the app with Mix instead), a `mix` command on the production start path: the `CMD` or \
            `ENTRYPOINT` of a production Dockerfile's final stage (the stage its production builds target, where \
            they name one: a production Compose file's `target: prod`, `docker build --target prod` in a workflow \
            or script, not a build for development or tests) and the entrypoint scripts they run (the \
            branches the start takes: one on the first argument, `if [ "$1" = 'mix' ]`, runs only when the `CMD` \
            passes that word, and with no `CMD` a branch for a `mix` command is the image run with Mix in place of \
            its start, a developer's use; one on a variable the final stage's `ENV` fixes, `if [ "$MIX_ENV" = "prod" \
            ]`, only for that value), a `RUN mix` \
            in a runner stage that only holds the release, the scripts in `rel/overlays/bin/` that something of \
            the repository names (a launch, a manifest, another script, the README: a leftover nothing names, \
            its own `.bat` twin aside, is never run), the \
            `release_command` (and `[processes]`) of `fly.toml`, and the `Procfile`'s `release:` line (every line \
            once the Procfile starts the release; none when its `web:` process runs `mix phx.server`, a Mix \
            deployment of its own, nor where the Elixir buildpack builds the slug, `elixir_buildpack.config` or \
            `.buildpacks` without `heroku.yml` or a Gigalixir release buildpack: it keeps Mix on the PATH of every \
            process). Also `RUN mix ecto.migrate` \
            (or `ecto.setup`, `ecto.create` …) in any stage, which migrates at image build time, and a project that \
            uses Ecto, builds a release, has migrations (`priv/repo/migrations/*.exs`) and no module calling \
            `Ecto.Migrator` (the `Release.migrate/0` pattern), so it has no way to migrate without Mix (unless its \
            `elixirc_paths` compile code outside `lib/`, Phoenix 1.2's `web/` and `test/`, which may hold one, or \
            its build runs \
            `mix phx.gen.release` before `mix release`, which writes that module and `bin/migrate`, or a script, \
            Dockerfile or manifest of its deployment has the release evaluate `Ecto.Migrator` itself: \
            `bin/shop eval 'Ecto.Migrator.run(Shop.Repo, :up, all: true)'`, or a script of the project that \
            builds the release also runs `mix ecto.migrate`, migrating with Mix from the checkout it builds in, or \
            a production image is a migration job that starts no release and migrates with Mix \
            (`CMD ["mix", "ecto.setup"]`, run beside the release by a Compose service), or \
            rel/config.exs gives a Distillery release a migration command whose script the repository holds, \
            `set commands: [migrate: "rel/commands/migrate.sh"]`, whatever module it evaluates, or the project \
            deploys only to Gigalixir, whose `gigalixir ps:migrate` runs `Ecto.Migrator` in the release). \
            And a `bin/<app> eval "Shop.Release.migrate"` on \
            one of those paths that names a function of the project's own modules that the project does not \
            define: the step fails with `UndefinedFunctionError` at deploy time. A missing module is reported \
            only in a namespace the project's modules use (`MyApp`, or `MyApp.Ops` when some `MyApp.Ops.*` is \
            defined): dependencies may share the prefix (`my_app_common` defining `MyApp.Common.Repo`).

            **Why it matters.** A release contains the compiled app and the Erlang runtime, not Mix: the runner \
            image that `mix phx.gen.release --docker` generates has no Elixir toolchain, so `mix ecto.migrate` at \
            boot fails with `mix: not found`. Where Mix happens to be in the image, `mix` at boot compiles the \
            app (`mix ecto.migrate` runs `app.config`, which compiles) and evaluates `config.exs` on the server, \
            needs the sources and build tools in the image, and bypasses the release you built (a warning, where \
            the image keeps them; an error where the start cannot run). Migrating in a `RUN` step happens while the image is built: the build \
            has no access to the production database (with the generated `runtime.exs`, `mix ecto.migrate` raises \
            for a missing `DATABASE_URL`), or it migrates whatever database the build machine reaches, before the \
            new code is deployed. Dockerfiles named for development (`Dockerfile.dev`, `Dockerfile.test` …) and \
            Heroku/Gigalixir-style projects that deploy with Mix instead of a release are not reported.

            **Instead.** Start the release (`/app/bin/server`, `bin/<app> start`) and migrate with the release: a \
            `<App>.Release.migrate/0` built on `Ecto.Migrator`, run as `bin/<app> eval <App>.Release.migrate` or \
            through the `rel/overlays/bin/migrate` script, as a deploy step (`fly.toml` \
            `release_command = "/app/bin/migrate"`, a Kubernetes job, a Procfile `release:` line) or before \
            `bin/server` in the container command.

            **Fix.** Creates `lib/<app>/release.ex` and `rel/overlays/bin/migrate` as `mix phx.gen.release` \
            generates them (app name and module prefix read from `mix.exs`; umbrella projects are left to you) \
            and replaces `mix ecto.migrate` on the start path with the release's `bin/migrate`, adding \
            `COPY rel rel` before `RUN mix release` when the Dockerfile does not copy `rel/` yet. A new \
            `rel/overlays/bin/migrate` must be made executable (`chmod +x`) before it is committed.""", """
            ```dockerfile
            # Dockerfile: the runner stage holds only the release
            FROM debian:bookworm-slim
            WORKDIR /app
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["sh", "-c", "mix ecto.migrate && /app/bin/server"]
            ```
            """, """
            ```dockerfile
            # Dockerfile
            CMD ["sh", "-c", "/app/bin/migrate && /app/bin/server"]
            ```

            ```elixir
            # lib/shop/release.ex (what `mix phx.gen.release` generates)
            defmodule Shop.Release do
              @app :shop

              def migrate do
                load_app()

                for repo <- repos() do
                  {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
                end
              end

              def rollback(repo, version) do
                load_app()
                {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :down, to: version))
              end

              defp repos, do: Application.fetch_env!(@app, :ecto_repos)

              defp load_app, do: Application.load(@app)
            end
            ```
            """);

    /** {@code Shop.Release.migrate}, {@code Shop.Release.rollback(Shop.Repo, 1)}: module, function, arguments. */
    private static final Pattern EVAL_CALL =
            Pattern.compile("([A-Z][\\w]*(?:\\.[A-Z][\\w]*)*)\\.([a-z_][\\w]*[?!]?)(\\(.*\\))?");
    private static final Set<String> DB_TASKS = Set.of("ecto.migrate", "ecto.rollback", "ecto.setup", "ecto.reset",
            "ecto.create", "ecto.drop", "ecto.load");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ProjectFacts facts = ProjectFacts.of(project);
        if (!facts.buildsRelease()) {
            return List.of();
        }
        Check check = new Check(project, facts);
        check.run();
        return check.findings;
    }

    /** One analysis of one project. */
    private static final class Check {
        private final ProjectContext project;
        private final ProjectFacts facts;
        private final DeployModel deploy;
        private final MixProject mix;
        private final MixExs mixExs;
        private final List<Finding> findings = new ArrayList<>();
        /** The images whose final stage is what production runs. */
        private final List<DockerImage> production;
        /** The image that builds the release, or null. */
        private final DockerImage releaseImage;
        private final Set<String> reported = new HashSet<>();
        private Boolean hasMigrator;
        /**
         * {@code eval} or {@code rpc} with Ecto.Migrator in its quoted expression, or further on its line and the lines
         * it continues onto with a backslash.
         */
        private static final Pattern EVAL_OF_MIGRATOR = Pattern.compile(
                "\\b(?:eval|rpc)\\s+(?:(['\"])(?:(?!\\1).)*?Ecto\\.Migrator|[^\\n]*(?:\\\\\\n[^\\n]*)*?Ecto\\.Migrator)",
                Pattern.DOTALL);
        /** A migration command of a Distillery release in rel/config.exs: {@code migrate: "rel/commands/migrate.sh"}. */
        private static final Pattern DISTILLERY_MIGRATE_COMMAND = Pattern.compile("\\bmigrat\\w*:\\s*\"([^\"]+)\"");
        /** Files that may start or run a release script. */
        private static final List<FileRole> SCRIPT_CALLERS = List.of(FileRole.DOCKERFILE, FileRole.RELEASE_SCRIPT,
                FileRole.ENTRYPOINT_SCRIPT, FileRole.DEPLOY_MANIFEST, FileRole.INFRA_MANIFEST, FileRole.DEPLOY_ENVIRONMENT,
                FileRole.BUILD_SCRIPT, FileRole.KAMAL_DEPLOY, FileRole.CI_WORKFLOW, FileRole.SYSTEMD_UNIT,
                FileRole.RELEASE_ENV_SCRIPT, FileRole.MIX_PROJECT);
        /** Files whose commands may run Ecto.Migrator through the release. */
        private static final List<FileRole> MIGRATOR_EVALUATORS = List.of(FileRole.ENTRYPOINT_SCRIPT,
                FileRole.RELEASE_SCRIPT, FileRole.DOCKERFILE, FileRole.DEPLOY_MANIFEST, FileRole.INFRA_MANIFEST,
                FileRole.BUILD_SCRIPT, FileRole.KAMAL_DEPLOY, FileRole.CI_WORKFLOW, FileRole.DEPLOY_ENVIRONMENT);

        Check(ProjectContext project, ProjectFacts facts) {
            this.project = project;
            this.facts = facts;
            this.deploy = DeployModel.of(project);
            this.mix = project.project();
            this.mixExs = ProjectModel.of(project).mix();
            this.production = deploy.releaseImages();
            this.releaseImage = production.isEmpty() ? null : production.get(0);
        }

        /**
         * Whether a module runs Ecto.Migrator, or a deployment file runs it through the release itself
         * ({@code bin/shop eval 'Ecto.Migrator.run(Shop.Repo, :up, all: true)'} in an entrypoint); asked on first use:
         * most projects never need it.
         */
        private boolean hasMigrator() {
            if (hasMigrator == null) {
                hasMigrator = !ProjectModel.of(project).modules().migratorCallers().isEmpty() || deploymentEvalsMigrator()
                        || distilleryMigrateCommand();
            }
            return hasMigrator;
        }

        /**
         * Whether rel/config.exs gives the Distillery release a migration command whose script the repository holds
         * ({@code set commands: [migrate: "rel/commands/migrate.sh"]}): {@code bin/shop migrate} migrates, through
         * whatever module the script evaluates, the project's or a dependency's.
         */
        private boolean distilleryMigrateCommand() {
            DocumentSnapshot relConfig = DistilleryConfig.of(project);
            if (relConfig == null) {
                return false;
            }
            Matcher command = DISTILLERY_MIGRATE_COMMAND.matcher(relConfig.text().text());
            Path root = relConfig.path().getParent().getParent();
            while (command.find()) {
                if (project.file(root.resolve(command.group(1)).normalize()) != null) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether a script, Dockerfile or manifest of the deployment has the release evaluate an expression that runs
         * Ecto.Migrator ({@code eval 'Ecto.Migrator.run(…)'}, {@code rpc "…"}), outside a comment.
         */
        private boolean deploymentEvalsMigrator() {
            for (FileRole role : MIGRATOR_EVALUATORS) {
                for (DocumentSnapshot file : project.files(role)) {
                    String text = file.text().text();
                    if (!text.contains("Ecto.Migrator")) {
                        continue;
                    }
                    Matcher eval = EVAL_OF_MIGRATOR.matcher(text);
                    while (eval.find()) {
                        if (!TextSearch.inHashCommentLine(text, eval.start())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** The first release mix.exs names in {@code releases:}, or null. */
        private String declaredRelease() {
            return mixExs.releases().isEmpty() ? null : mixExs.releases().get(0).name();
        }

        /** The release's name, for `bin/<name>`: the first of mix.exs `releases:`, else the app's. */
        private String releaseName() {
            return declaredRelease() != null ? declaredRelease() : mix.appName();
        }

        void run() {
            boolean releaseIsBuilt = releaseImage != null || facts.releaseIsBuilt();
            if (releaseIsBuilt) {
                production.forEach(this::checkImage);
                checkFly(deploy.manifests().fly());
                checkProcfile(deploy.manifests().procfile());
            }
            for (ScriptFile script : deploy.releaseScripts()) {
                if (!namedByTheRepository(script)) {
                    continue; // an overlay script nothing starts, runs or documents: a leftover the release only carries
                }
                for (SimpleCommand command : script.script().runs()) {
                    checkEval(script.file(), command, "the release script " + mix.relativize(script.file().path()));
                    report(script.file(), command, "in the release script " + mix.relativize(script.file().path())
                            + ", which runs inside the release where Mix does not exist: ", null);
                }
            }
            EctoRepos repos = ProjectModel.of(project).repos();
            // Without a migration there is nothing a migrator would run.
            // A migrator may live in code compiled from folders the model does not read (elixirc_paths).
            boolean codeInSight = ProjectModel.of(project).mixfiles().stream().noneMatch(MixExs::compilesCodeOutOfSight);
            if (releaseIsBuilt && repos.usesDatabase() && !repos.defined().isEmpty() && !hasMigrator()
                    && !deploy.buildGeneratesReleaseFiles(releaseImage) && EctoMigrations.present(project)
                    && codeInSight
                    && !BuildScripts.of(project).migratesWithMix() && !deploy.migratesFromAMixImage()
                    && !migratedByGigalixir(deploy)) {
                reportMissingMigrator();
            }
        }

        /**
         * Whether Gigalixir alone builds and runs the release, which it migrates from outside: {@code gigalixir
         * ps:migrate} runs Ecto.Migrator in the release. Not where an image, a CI workflow or a build script of the
         * project builds a release that may run elsewhere.
         */
        private boolean migratedByGigalixir(DeployModel deploy) {
            return DeploymentVariables.of(project).deploysOnGigalixirOnly() && deploy.productionImages().isEmpty()
                    && CiWorkflows.of(project).releaseWorkflow() == null
                    && BuildScripts.of(project).releaseScript() == null;
        }

        /**
         * Whether a file of the repository names the release script (`CMD ["/app/bin/server"]`, fly.toml's
         * `release_command`, another script, a workflow, the README): one nothing names is never run. Its Windows
         * twin (`bin/migrate.bat` beside `bin/migrate`, as mix phx.gen.release writes them) is the same step written
         * again, whose text holds the name only in the call they share.
         */
        private boolean namedByTheRepository(ScriptFile script) {
            String name = script.file().path().getFileName().toString();
            for (FileRole role : SCRIPT_CALLERS) {
                for (DocumentSnapshot file : project.files(role)) {
                    if (file != script.file() && !isWindowsTwin(file, script.file())
                            && file.text().text().contains(name)) {
                        return true;
                    }
                }
            }
            DocumentSnapshot readme = project.file(mix.root().resolve("README.md"));
            return readme != null && readme.text().text().contains(name);
        }

        /** Whether {@code file} is {@code script}'s Windows version: the same name with {@code .bat}, in its folder. */
        private static boolean isWindowsTwin(DocumentSnapshot file, DocumentSnapshot script) {
            return file.path().equals(script.path().resolveSibling(script.path().getFileName() + ".bat"));
        }

        private void checkImage(DockerImage image) {
            Stage last = image.finalStage();
            if (last == null) {
                return;
            }
            String where = mix.relativize(image.file().path());
            boolean runner = image.finalStageWithoutMix();
            for (Stage stage : image.dockerfile().stages()) {
                for (Instruction run : stage.all("RUN")) {
                    Deadline.check();
                    if (!run.runsMix()) {
                        continue;
                    }
                    // Every RUN of a long Dockerfile: the Mix commands alone are moved to where they stand.
                    for (SimpleCommand command : run.runsWhere(SimpleCommand::isMix)) {
                        if (command.isMix() && stage == last && runner) {
                            add(image.file(), command, "`" + task(command) + "` in the final stage of " + where
                                    + " cannot run: that stage starts from " + image.resolvedImage(last)
                                    + " and holds only the release copied from the build stage, and a release has "
                                    + "no Mix; run it in the build stage before `mix release`.", List.of());
                        } else if (command.isMix() && DB_TASKS.contains(command.word(1))) {
                            add(image.file(), command, "`RUN " + task(command) + "` in " + where + " touches the "
                                    + "database while the image is built, where the production database is out of "
                                    + "reach (the generated runtime.exs raises for a missing DATABASE_URL) or the "
                                    + "wrong one is migrated; migrate when the release is deployed, with its "
                                    + "bin/migrate.", List.of());
                        }
                    }
                }
            }
            Launch launch = deploy.launch(image);
            if (image.servesWithMix(launch)) {
                return; // the image serves with Mix and never starts the release: a Mix deployment, its Mix at home
            }
            for (LaunchCommand start : launch.commands()) {
                if (start.script() == null || !deploy.releaseScripts().contains(start.script())) {
                    checkEval(start.file(), start.command(), "the start of " + where);
                }
                if (!start.command().isMix() || start.script() != null && deploy.releaseScripts().contains(start.script())) {
                    continue; // the release scripts are checked on their own
                }
                String environment = image.mixEnvironment(start.command());
                if (start.command().isMixServing() && ("dev".equals(environment) || "test".equals(environment))
                        && !image.buildsRelease() && !image.copiesRelease()) {
                    continue; // `ENV MIX_ENV=dev` and `iex -S mix phx.server`: a development container, whatever its name
                }
                String keyword = start.instruction().keyword();
                // Where the image keeps Mix (it built the release in place), the start works, at a cost: a warning.
                Severity severity = runner ? INFO.defaultSeverity() : Severity.WARNING;
                if (start.script() != null) {
                    if (start.command().isMix()) {
                        add(start.file(), start.command(), "`" + task(start.command()) + "` in the script "
                                + mix.relativize(start.file().path()) + " that the " + keyword + " of " + where
                                + " runs, although the project ships as a release (" + facts.releaseEvidence() + "): "
                                + (runner ? "" : "it works only because this image keeps the build toolchain and "
                                           + "sources, and it compiles the app and evaluates config.exs at boot; ")
                                + instead(start.command(), releaseName()),
                                migrateFix(start.command(), start.file(), image.releaseRoot()), severity);
                    }
                    continue;
                }
                add(image.file(), start.command(), "`" + task(start.command()) + "` in the " + keyword + " of " + where
                        + (runner ? " cannot run: the final stage holds only the release (" + facts.releaseEvidence()
                                    + ") and a release has no Mix, so the container fails to start; "
                                  : " runs Mix when the container starts although the project ships as a release ("
                                    + facts.releaseEvidence() + "): Mix needs the build toolchain and sources in the "
                                    + "image and compiles the app at boot; ") + instead(start.command(), releaseName()),
                        migrateFix(start.command(), image.file(), image.releaseRoot()), severity);
            }
        }

        private void checkFly(FlyToml fly) {
            if (fly == null) {
                return;
            }
            if (fly.releaseCommand() != null) {
                checkManifest(fly.file(), fly.releaseCommand().script(), "the fly.toml release_command");
            }
            for (FlyToml.Command process : fly.processes()) {
                checkManifest(fly.file(), process.script(), "the `" + process.name() + "` process of fly.toml");
            }
        }

        /**
         * A Procfile that starts or runs the release is on its start path: every line that runs Mix is reported.
         * Otherwise only its {@code release:} line (a deploy step, never a local process) is: a Procfile of
         * {@code mix phx.server} next to a release Dockerfile is a Mix-style or development one. A Procfile whose
         * {@code web:} process runs Mix is a Mix deployment of its own: its {@code release: mix ecto.migrate} is right.
         */
        private void checkProcfile(Procfile procfile) {
            if (procfile == null || procfile.webRunsMix() && !procfile.startsRelease() || runsInBuildpackSlug()) {
                return;
            }
            for (Procfile.Process process : procfile.processes()) {
                if (procfile.startsRelease() || process.name().equals("release")) {
                    checkManifest(procfile.file(), process.script(), "the Procfile `" + process.name() + ":` line");
                }
            }
        }

        /**
         * Whether the Procfile's processes run in a slug the Elixir buildpack built ({@code elixir_buildpack.config} or
         * {@code .buildpacks}, no {@code heroku.yml} container build, no Gigalixir release buildpack): the buildpack
         * keeps Erlang, Elixir and the compiled project in the slug and puts Mix on the PATH of every process, the
         * {@code release:} phase included, whether or not it also builds a release.
         */
        private boolean runsInBuildpackSlug() {
            DeployManifests manifests = deploy.manifests();
            if (manifests.heroku() != null) {
                return false;
            }
            Buildpacks buildpacks = manifests.buildpacks();
            return buildpacks != null ? buildpacks.mode() != Buildpacks.Mode.RELEASE
                    : !project.files(FileRole.BUILDPACK_CONFIG).isEmpty();
        }

        private void checkManifest(DocumentSnapshot file, ShellScript script, String what) {
            String root = releaseImage != null ? releaseImage.releaseRoot()
                    : releaseName() == null ? null : "_build/prod/rel/" + releaseName();
            for (SimpleCommand command : script.runs()) {
                checkEval(file, command, what);
                report(file, command, "in " + what + " runs Mix although the project ships as a release ("
                        + facts.releaseEvidence() + ") and a release has no Mix: ", root);
            }
        }

        /**
         * Reports {@code bin/<release> eval "Mod.fun"} where Mod is one of the project's own modules (by its module
         * prefix) and the project defines no such public function: the deploy step fails when it runs.
         */
        private void checkEval(DocumentSnapshot file, SimpleCommand command, String what) {
            if (command.isMix() || !command.word(1).equals("eval")) {
                return;
            }
            Matcher call = EVAL_CALL.matcher(command.word(2).strip());
            if (!call.matches() || !ownModule(call.group(1))) {
                return;
            }
            String module = call.group(1);
            String function = call.group(2);
            String arguments = call.group(3);
            int arity = arguments == null || arguments.replaceAll("[()\\s]", "").isEmpty() ? 0 : -1;
            ModuleIndex modules = ProjectModel.of(project).modules();
            if (modules.definesPublic(module, function, arity)
                    || modules.find(module) == null && !namespaceInUse(modules, module)) {
                return;
            }
            Word expression = command.words().get(2);
            String missing = modules.find(module) == null ? "no module " + module + " is defined in the project"
                    : module + " defines no public " + function + (arity == 0 ? "/0" : "");
            String message = "`" + command.program() + " eval` in " + what + " calls " + module + "." + function
                    + ", but " + missing + ", so this step fails with UndefinedFunctionError when it runs; "
                    + (function.equals("migrate") ? "add " + module + ".migrate/0 (mix phx.gen.release writes it) "
                    + "or call the module that migrates." : "call a function the project defines.");
            int start = expression.start() + (expression.quoted() ? 1 : 0);
            int end = expression.end() - (expression.quoted() ? 1 : 0);
            if (reported.add(file.path() + ":" + start)) {
                findings.add(new Finding(INFO, INFO.defaultSeverity(), file, start, end, message, List.of()));
            }
        }

        /**
         * Whether the project defines modules in the namespace a module would live in: its own prefix, or a namespace
         * below it that some module of the project uses. Dependencies that share the project's prefix
         * ({@code bonfire_common} defining {@code Bonfire.Common.Repo} for the {@code bonfire} app) bring the others.
         */
        private boolean namespaceInUse(ModuleIndex modules, String module) {
            String namespace = module.substring(0, Math.max(0, module.lastIndexOf('.')));
            // Every segment of a module's name is written in its file: look only where the namespace's last one is.
            String lastSegment = namespace.substring(namespace.lastIndexOf('.') + 1);
            return ownPrefixes().contains(namespace) || modules.inFilesMentioning(lastSegment).stream().map(Module::name)
                    .anyMatch(name -> name.equals(namespace) || name.startsWith(namespace + "."));
        }

        /** Whether a module name is under the project's own prefix (or one of its umbrella apps'). */
        private boolean ownModule(String module) {
            return ownPrefixes().stream().anyMatch(prefix -> module.equals(prefix) || module.startsWith(prefix + "."));
        }

        private List<String> ownPrefixes() {
            List<String> prefixes = new ArrayList<>();
            prefixes.add(mix.modulePrefix());
            mix.apps().forEach(app -> prefixes.add(app.modulePrefix()));
            return prefixes;
        }

        /** Reports a mix command of a script or manifest: "`mix task` " + {@code what} + what to do instead. */
        private void report(DocumentSnapshot file, SimpleCommand command, String what, String root) {
            if (command.isMix()) {
                add(file, command, "`" + task(command) + "` " + what + instead(command, releaseName()),
                        migrateFix(command, file, root));
            }
        }

        private void add(DocumentSnapshot file, SimpleCommand command, String message, List<Fix> fixes) {
            add(file, command, message, fixes, INFO.defaultSeverity());
        }

        private void add(DocumentSnapshot file, SimpleCommand command, String message, List<Fix> fixes,
                         Severity severity) {
            int[] span = span(command);
            if (reported.add(file.path() + ":" + span[0])) {
                findings.add(new Finding(INFO, severity, file, span[0], span[1], message, fixes));
            }
        }

        /** On the {@code RUN mix release} of the image that builds the release, else on mix.exs {@code releases:}. */
        private void reportMissingMigrator() {
            Instruction release = releaseImage != null ? releaseImage.releaseRun() : null;
            DocumentSnapshot file = release != null ? releaseImage.file() : mixExs.file();
            Node node = release != null ? release.node() : mixExs.releasesKey();
            int[] span = node != null ? new int[] {file.tree().startOffset(node), file.tree().endOffset(node)} : null;
            if (span == null) {
                // Only the project's build script builds the release (Render's build.sh): point at its command.
                BuildScripts scripts = BuildScripts.of(project);
                file = scripts.releaseScript();
                SimpleCommand build = scripts.releaseCommand();
                if (build == null) {
                    return; // built where nothing can be pointed at
                }
                span = span(build);
            }
            Path web = project.project().root().resolve("web");
            String folders = project.files(FileRole.ELIXIR_SOURCE).stream()
                    .anyMatch(source -> source.path().startsWith(web)) ? "lib/ or web/" : "lib/";
            BuildScripts buildScripts = BuildScripts.of(project);
            // A script that builds the release where it then runs (a checkout on the server) has Mix at hand: what is
            // missing is a step that migrates, not a way to.
            boolean buildsWhereItRuns = release == null && buildScripts.releaseScript() != null
                    && (buildScripts.buildsOnServer() || !buildScripts.shipsRelease())
                    && !runsReleaseEval(buildScripts.releaseScript());
            String message = buildsWhereItRuns
                    ? "The project uses Ecto and " + facts.releaseEvidence() + " from a checkout where Mix is at hand, "
                      + "but nothing migrates the database: neither the script nor the release (no module in " + folders
                      + " calls Ecto.Migrator) runs the migrations, so each deploy waits for someone to run them by "
                      + "hand. Run `MIX_ENV=prod mix ecto.migrate` in the script before the release restarts"
                      + (DistilleryConfig.of(project) != null
                      ? ", or add a Distillery command (rel/commands/migrate.sh) that runs Ecto.Migrator."
                      : ", or add a " + mix.modulePrefix() + ".Release.migrate/0 run by bin/migrate.")
                    : "The project uses Ecto and builds a release (" + facts.releaseEvidence() + "), but no "
                      + "module in " + folders + " calls Ecto.Migrator, so production can only migrate with "
                      + "`mix ecto.migrate`, "
                      + "which a release does not contain; add a " + mix.modulePrefix() + ".Release.migrate/0 run by "
                      + "bin/migrate.";
            List<Fix> fixes = new ArrayList<>();
            List<Fix.Change> changes = releaseSetup();
            if (changes != null && !changes.isEmpty()) {
                fixes.add(new Fix("Create " + mix.modulePrefix() + ".Release (lib/" + mix.appName() + "/release.ex)"
                        + " and rel/overlays/bin/migrate, as mix phx.gen.release does (then chmod +x the script)",
                        true, changes));
            }
            findings.add(new Finding(INFO, INFO.defaultSeverity(), file, span[0], span[1], message, fixes));
        }

        /** Whether a script runs a release's {@code eval} or {@code rpc} (an attempt to migrate through it). */
        private static boolean runsReleaseEval(DocumentSnapshot script) {
            return ShellScript.parse(script.text().text()).runs().stream()
                    .anyMatch(command -> command.word(1).equals("eval") || command.word(1).equals("rpc"));
        }

        private List<Fix.Change> releaseSetup() {
            String release = mixExs.declaresReleases() ? declaredRelease() : mix.appName();
            return ReleaseFiles.migrateSetup(project, hasMigrator(), release, releaseImage);
        }

        /**
         * Replaces a bare {@code mix ecto.migrate} (and the variables set in front of it, which bin/migrate does
         * not read) with {@code <root>/bin/migrate} and sets up what that script needs; no fix for other mix
         * commands or when the release's location is unknown.
         */
        private List<Fix> migrateFix(SimpleCommand command, DocumentSnapshot file, String root) {
            if (!command.isMix("ecto.migrate") || command.words().size() != 2 || root == null) {
                return List.of();
            }
            List<Fix.Change> setup = releaseSetup();
            if (setup == null) {
                return List.of();
            }
            int[] span = span(command);
            int start = command.start() < span[0] && !command.words().get(0).quoted() ? command.start() : span[0];
            String replacement = root + "/bin/migrate";
            List<Fix.Change> changes = new ArrayList<>();
            changes.add(DockerfileEdits.replace(file, start, span[1], replacement));
            for (Fix.Change change : setup) {
                // An edit of the same file (COPY rel rel) lies before the replaced command: it goes first.
                changes.add(change instanceof Fix.Edit edit && edit.path().equals(file) ? 0 : changes.size(), change);
            }
            boolean creates = ReleaseFiles.createsMigrateScript(setup);
            String title = "Replace `mix ecto.migrate` with `" + replacement + "`"
                    + (setup.isEmpty() ? "" : creates ? " (creates rel/overlays/bin/migrate: chmod +x it)"
                    : " (adds " + mix.modulePrefix() + ".Release)");
            return List.of(new Fix(title, !creates, changes));
        }
    }

    /** From the program word to the end of the task word, quotes excluded. */
    private static int[] span(SimpleCommand command) {
        Word program = command.words().get(0);
        Word last = command.words().get(Math.min(1, command.words().size() - 1));
        return new int[]{program.start() + (program.quoted() ? 1 : 0), last.end() - (last.quoted() ? 1 : 0)};
    }

    /** {@code mix ecto.migrate}: the program and its task, as the person wrote it. */
    private static String task(SimpleCommand command) {
        return command.words().size() > 1 ? "mix " + command.word(1) : "mix";
    }

    private static String instead(SimpleCommand command, String release) {
        String task = command.word(1);
        if (task.equals("ecto.migrate")) {
            return "migrate with the release's bin/migrate (Ecto.Migrator through `bin/" + release + " eval`) instead.";
        }
        if (command.isMixPhoenixServer() || task.equals("run")) {
            return "start the release's bin/server (or `bin/" + release + " start`) instead.";
        }
        return "run it while building, or through `bin/" + release + " eval` in the release.";
    }
}
