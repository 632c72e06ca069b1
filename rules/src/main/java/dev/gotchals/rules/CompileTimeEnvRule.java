package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.config.BuildBranches;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigEntry;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.config.EndpointKeys;
import dev.gotchals.model.config.EnvRead;
import dev.gotchals.model.config.MixExsReads;
import dev.gotchals.model.config.ReleaseBuild;
import dev.gotchals.model.config.ReleaseTool;
import dev.gotchals.model.config.OperatorConfig;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.model.deploy.AppEngineFlex;
import dev.gotchals.model.deploy.BuildScripts;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployManifests;
import dev.gotchals.model.deploy.DeploymentVariables;
import dev.gotchals.model.deploy.Edeliver;
import dev.gotchals.model.deploy.Mina;
import dev.gotchals.model.deploy.Procfile;
import dev.gotchals.model.deploy.ReleaseImage;
import dev.gotchals.model.deploy.ReleaseSecretMounts;
import dev.gotchals.model.project.AppEnvReads;
import dev.gotchals.model.project.BuildToolApps;
import dev.gotchals.model.project.ClientLibraries;
import dev.gotchals.model.project.LibraryEnvReads;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GT001 compile-time-env: an environment variable read in build-time config (config.exs, prod.exs and what they
 * import) of a project that ships as a Mix release, so the build machine's value is baked into the release.
 */
public final class CompileTimeEnvRule implements Rule {
    /** The keywords of an Ecto repo's connection that its {@code url:} gives too, and wins over. */
    /** Statements that take one branch or another on a value. */
    private static final Set<String> DECIDING = Set.of("case", "if", "unless");

    private static final Set<String> URL_PARTS = Set.of("username", "password", "hostname", "port", "database");
    public static final RuleInfo INFO = new RuleInfo("GT001", "compile-time-env",
            "Environment variable read at build time in a release", Severity.WARNING, """
            **What it finds.** In a project that ships as a Mix release (a Dockerfile, a CI workflow or a build \
            script of the project runs `mix release`, possibly among other tasks of a `mix do` (not Distillery's \
            `mix release --env=prod` in a project without Distillery, a build that fails, nor a script's \
            `mix release` on an Elixir before 1.9 (`.tool-versions`) without Distillery or exrm, which has no such \
            task; Distillery counts where a dependency brings it too, as `mix_docker` does; and an image that builds \
            the release with another `MIX_ENV` (`ENV MIX_ENV=container`) builds it from that environment's config, \
            not from prod.exs, unless that file imports prod.exs), `mix.exs` \
            declares `releases:`, `rel/` exists, or Gigalixir builds one: a `.buildpacks` that lists its release \
            buildpack, or a `config/releases.exs` beside `elixir_buildpack.config` with no Procfile; unless a \
            `.buildpacks` whose last buildpack is \
            `gigalixir-buildpack-mix`, Gigalixir's mix mode, runs the app with Mix, or one of the Elixir or Phoenix static \
            buildpacks with no Procfile (their default web process runs `mix phx.server`), or, where only rel/ or \
            `releases:` shows a release (nothing of the repository builds one), the repository starts the app \
            with Mix: a Procfile `web:`, a production image, a Compose \
            `command:` or a systemd unit's `ExecStart` running `mix phx.server`, or it deploys only to Gigalixir \
            with neither `config/releases.exs` nor `rel/config.exs`, where Gigalixir runs the app with Mix): \
            `System.get_env/1,2`, `System.fetch_env/1` or \
            `System.fetch_env!/1` (also called through `import System` or an alias, and a lookup of one variable \
            in `System.get_env()`'s map: `Map.fetch!(System.get_env(), "X")`) in config that is evaluated \
            for prod while the release is built: `config/config.exs`, `config/prod.exs`, a legacy \
            `prod.secret.exs`, and whatever they `import_config`; and `Application.get_env`/`fetch_env` there, \
            which runs before the config being written is loaded. Only a read whose value production ends with is \
            reported: not one whose key (nested keyword lists included) a later `config` call or the runtime \
            config sets again for prod (in every branch of an `if`/`else` or a `case` with a catch-all clause, \
            a branch that raises aside: `if key do config … else raise "…" end`), \
            or that a config file the repository does not hold may set again (a \
            gitignored `prod.secret.exs` imported after it on the build machine; so is a committed one that a CI \
            step or build script replaces before the build, `gsutil cp gs://…/prod.secret.exs \
            ./config/prod.secret.exs`, `aws s3 cp`, `curl -o`, `echo "$SECRET" > config/prod.secret.exs`, or a \
            deploy script run on the host copies the host's own over it, `cp /home/app/conf/prod.secret.exs \
            "$REPO_DIR/config/prod.secret.exs"`: the committed file is a stand-in), nor one whose variable is only \
            used in dev or test branches, nor one whose key config loaded at boot from outside the repository may \
            set: a config provider of the \
            release in mix.exs (an operator's `/etc/app/config.exs`, a secrets store), a file the runtime config \
            loads from outside, or a config file the repository does not hold (a Distillery config provider's file \
            copied in from a build host's secrets, or placed in the release when it is deployed), the sys.config kept \
            on each host that edeliver links into the release (`LINK_SYS_CONFIG` in `.deliver/config`), or the keys a \
            Conform schema (`config/shop.schema.exs`) maps, which the release's `.conf` file sets at boot. Such a file may \
            set any key, unless the repository keeps the template it is written from (`config/app.exs.example`, an \
            overlay's `etc/runtime.exs.sample`): then only what the template sets is replaced. A value is \
            followed through the variables computed from it (`accept = String.split(accept_text)`) to the keys \
            that use them, and from a function of a module the config file defines (`defmodule AwsConfig do def \
            region, do: System.get_env("AWS_REGION") end`) to the keys of the calls that call it; printing or \
            logging it (`IO.puts("host: #{host}")`, `Logger.info(…)`) only writes it to the build's output. Reads in \
            `config/runtime.exs` (or the older `releases.exs`, or the file mix.exs names with `runtime_config_path`) \
            and in a file a Distillery config provider evaluates at boot (even where a build-time file imports it \
            too: `import_config "releases.exs"` in prod.exs), `dev.exs`, `test.exs` and in branches that only run \
            in dev or test (`if config_env() == :dev`, `unless config_env() == :prod`, a `case config_env()` clause \
            for `:test` …) are fine. So are reads of a variable the Dockerfile's build stage sets itself with \
            `ENV`/`ARG` (or the `ENV` of an image whose start builds the release: a build container whose CMD \
            runs `mix release`), a CI workflow passes to the image build as a build argument (where the \
            repository's Dockerfile does not show the build: one that does must declare the `ARG`, or Docker drops \
            it) or gives the step that runs `mix release` in its `env:` (the step's, its job's or the workflow's; \
            GitLab's `variables:`; but not a secret, by its name, or a database URL, which the release's sys.config \
            then carries in \
            plain text wherever the artifact goes), or a script of the project \
            (`*.sh` at its root or in a deployment folder such as `devops/`, any script in `bin/`, `script/`, `scripts/`) sets before it runs `mix release` (a deliberate build-time \
            value; but a secret, by its name, that the `mix release` step takes from a BuildKit secret mount is \
            reported: the mount keeps it out of the image's layers, the release's `sys.config` ships it; and so is \
            one the build sets to a placeholder so that the config compiles, `ENV SECRET_KEY_BASE=nokey`: the \
            release keeps the placeholder, an error), of a variable the runtime config reads again for the same app and subject, directly or \
            through values computed from it (the operator's value reaches it at boot), or puts into a keyword \
            list it gives whole to that app (`token -> Keyword.put(settings, :github_token, token)` in a `case` on \
            the read, then `config :shop, settings`: it may set the key again; unless the code compiles the key \
            in), a switch the runtime \
            config tests again around config of the same app and subjects (the same \
            `if System.get_env("ENABLE_BASIC_AUTH") do … end` in both, or a variable bound to the read and then \
            decided on, `case mailer do … end`: the decision is made again at boot), a switch whose config calls, \
            in either branch, set only keys that later prod config sets again (the runtime config sets the \
            mailer's adapter and key whatever the build chose), of \
            the commit the build is made from (`SOURCE_VERSION`, \
            `GIT_SHA`, `COMMIT_SHA`, `GIT_VERSION_TAG`, the `RELEASE_VERSION` a CI script sets …, not a Git \
            host's `GIT_ROOT`), of variables named for the \
            build (`COMPILE_ALL_LOCALES`, `BUILD_…`), \
            of Mix's own `MIX_ENV`, `MIX_TARGET` …, of a variable `mix.exs` reads too (it chooses what is \
            fetched and compiled, such as the OAuth strategies' dependencies, so the config must agree with the \
            build), or of a variable the app's code falls back to itself where it reads the key \
            (`Application.get_env(:app, :oauth)[:client_id] || System.get_env("CLIENT_ID")` in one function: \
            the nil the build bakes gives way to the operator's value), or of a variable a library reads itself \
            when the app runs and lets win over its config (auth_plug's `AUTH_API_KEY`, AppSignal's \
            `APPSIGNAL_PUSH_API_KEY` and its other `APPSIGNAL_*` settings, OpenTelemetry's `OTEL_SERVICE_NAME`, \
            elixir_auth_google's `GOOGLE_CLIENT_ID` and `GOOGLE_CLIENT_SECRET`, algolia's and algoliax's \
            `ALGOLIA_APPLICATION_ID` and `ALGOLIA_API_KEY`); \
            a switch (a read that only \
            decides a yes or no: `if System.get_env("HEROKU")`, `System.get_env("DB_SSL") == "true"`) in a \
            project that also deploys with Mix (a `Procfile` whose `web:` runs `mix phx.server`), where that path \
            reads it at boot and the release gets its unset position, the app's default (with the settings beside \
            an `enabled:` switch of that kind in the same keyword list: the release gets the feature off); reads \
            in a branch the \
            release's image build does not take (`if System.get_env("AS_DESKTOP_APP") in ~w(true yes 1) do`, \
            a build flavour, where the Dockerfile does not set the variable); a read that itself chooses a build \
            flavour: it only decides which module the app uses together with that module's config \
            (`endpoint_module: if(desktop?, do: Desktop.Endpoint, else: Web.Endpoint)` beside \
            `if desktop? do config :app, Desktop.Endpoint, … end`), which shapes the build rather than passing a \
            setting on (a decision that picks a setting, such as a logger format or a storage adapter, is still \
            reported, unless the code compiles the module it names in: `router: if(System.get_env("ENABLE_ECI"), \
            do: Web.EciRouter, else: Web.Router)` plugged in the endpoint's body, which no boot-time config \
            changes); a read that falls back to `{:system, "PORT"}` for the same variable (the library reads it \
            when the app runs wherever the build does not set it); a read whose literal fallback is the value every \
            deployment starts the release with anyway (`System.get_env("PORT") || "4000"` where Gigalixir, which \
            serves port 4000, deploys it; or the `ENV` of the production image, and the deployment files that \
            start it from outside, when each only assigns that literal: a systemd unit's `Environment=PORT=4000`, \
            an env file's `PORT=4000`, Kamal's `env: clear:`; a template, a Compose file's `environment:` or the \
            README is what an \
            operator edits, and leaves the value open); in a Distillery project (rel/config.exs, or a build that writes it with \
            `mix release.init` and builds with Distillery's options), a read that falls back \
            to its own placeholder \
            (`System.get_env("DB_USER") || "${DB_USER}"`), which the release replaces from the environment when \
            it boots (`REPLACE_OS_VARS`), so the build's value only overrides the boot-time one; a part of an \
            Ecto repo's connection (`username:`, `password:`, `hostname:`, `port:`, `database:`) whose prod config \
            also sets `url:`, whose parts Ecto takes over them (the URL's own read is reported), also where \
            runtime.exs sets it only when its variable is set (`if url = System.get_env("DATABASE_URL") do`); a \
            key of an \
            endpoint or Ecto repo whose `init/2` callback may put another value of it when it starts, itself or \
            through a module of the project it hands its config to \
            (`config |> Keyword.drop([:hostname, :password]) |> Keyword.put(:url, System.get_env("DATABASE_URL"))`); \
            an endpoint's setting Phoenix reads when it compiles (`force_ssl:`, `code_reloader:`, `debug_errors:`: \
            decided while the release is built by design, and refused at boot when the runtime config differs), \
            and a switch around the config call that sets one (`if System.get_env("FORCE_SSL") in ~w(true 1) do … \
            force_ssl: …, exclude: … end`); \
            reads of keys \
            the project reads with `Application.compile_env` (fixed at compile time by design; of a module's \
            key, the setting the read takes: `compile_env(:shop, Endpoint)[:url]` says nothing of the \
            `secret_key_base` beside it), that only its Mix tasks and mix.exs \
            read, of build tools that only their Mix tasks read while the release is built (`config :esbuild`, \
            `:tailwind`, `:dart_sass`, `:bun`: a binary's path or version), or that nothing reads (config of an app \
            the build does not have, such as a misspelt `config :shopp, …`: not the project's own, not in its \
            mix.lock, not Erlang's or Elixir's; a key of the app's own config that no code or config reads, names as an \
            atom, or reads without naming it (a function that reads whatever key it is given reads the keys the \
            code names, or any where the code makes atoms of text), and that no dependency the code calls is called like, such as Pow told \
            `otp_app:`; or a key named by a module \
            the project neither defines nor mentions, such as `config :shop, TrackerGG, …` with no `TrackerGG` \
            in its code, a setting of a key whose every read takes another setting, such as `model:` of \
            `config :shop, :llm, …` where the code only pipes the key into `Keyword.get(:base_url)` (or binds it \
            and looks up only `conf[:from]` or `Keyword.get(conf, :from)` in it; a module's key counts so unless \
            the module hands its config to a library with `otp_app:`), or a key the \
            app adds to an endpoint's config that neither Phoenix nor its code reads, or config of a web service's \
            client library that reads it only when called and that neither the code nor a library depending on it \
            calls: `config :ex_aws`, `:stripity_stripe`, `:ex_openai`, `:openai` with no `ExAws`, `Stripe` … in the \
            code and no Waffle or the like in mix.lock); \
            Nerves projects, whose firmware is meant to carry build-time config; \
            and a release that only the project's build script builds on Render (a `render.yaml`, or config that \
            reads a `RENDER_` variable, or the root `build.sh` of Render's Phoenix guide, whose `mix release \
            --overwrite` (or `rm -rf "_build"` before `mix release`, as the guide first wrote it) nothing of the \
            repository runs itself): Render runs the build with the service's environment, and builds again \
            when it changes; so does edeliver whose `.deliver/config` builds on the one production host as the \
            production user (`BUILD_HOST` is `PRODUCTION_HOSTS`, `BUILD_USER` is `PRODUCTION_USER`), and mina \
            whose `config/deploy.rb` runs `mix release` on the one `:domain` it deploys to, and App Engine flex's \
            Elixir runtime (`env: flex`, `runtime: gs://elixir-runtime/elixir.yaml` in `app.yaml`), whose \
            generated Dockerfile sets app.yaml's `env_variables` in the stage that builds the release, and a deploy script of \
            the project that builds and starts the release on its server over ssh (`ssh host "… mix release …"`, or \
            a script of the project that CI runs there: `ssh deploy@host ./app/scripts/deploy.sh`), \
            or that loads a file of the deployment's variables before it builds (`source .env`). \
            A read that falls back to a literal (`System.get_env("APP_TZ", "America/Toronto")`, \
            `System.get_env("POOL_SIZE") || "10"`) is only a hint (shown in editors, left out of `check` unless \
            `--hints`) when that literal is what production runs with, a trap for a later deployment rather than \
            a problem of any deployment the repository shows: no deployment of the repository names the variable \
            (fly.toml, app.json, render.yaml, \
            Compose files, `.env` files and templates (not one named for development or tests, `.env.e2e`), Kubernetes manifests, Dockerfiles, systemd units, CI \
            workflows, scripts, the README but its lines that run the app with Mix), the runtime config does not read it, no hosting platform sets it \
            (`DATABASE_URL`, `HOSTNAME`, `AWS_REGION` …, and `PORT` where the project deploys to Heroku, Render or \
            Gigalixir), and it is neither a secret nor a local address; only an operator's value set later would \
            be ignored. A read whose variable the runtime config reads again for other settings says that only \
            this copy keeps the build's value, as information unless the variable is a secret. A variable read \
            more than once in one config call (`if is_nil(get_env("LOG_LEVEL")), do: …, else: get_env("LOG_LEVEL")`) \
            is reported once, at its first read. An endpoint's `url: [port: System.get_env("PORT")]` with no \
            fallback, which a build without PORT leaves nil, is not reported: Phoenix then builds URLs with the \
            port the endpoint listens on, which is what the read meant (a port of another variable is lost).

            **Why it matters.** `config.exs` and the files it imports are evaluated when `mix release` assembles \
            the release, on the build machine (a CI runner, a Docker build stage). `System.get_env("DATABASE_URL")` \
            there reads the *build* environment, which usually does not have the production value: the release \
            gets `nil` (or the build machine's value) written into its `sys.config`, and setting the variable on \
            the server later changes nothing. `System.fetch_env!` fails the build outright when the builder \
            lacks the variable. Mix prints no warning about either.

            **Instead.** Read environment variables in `config/runtime.exs`, which is copied into the release \
            and evaluated at every boot, inside `if config_env() == :prod do … end` for production-only values. \
            The message names the file this release reads at boot (`config/releases.exs` where that is the one); \
            a release Distillery builds reads neither, and is told to read the value at boot Distillery's way (a \
            config provider, or `"${VAR}"` with `REPLACE_OS_VARS=true`) \
            Where the app's code reads the key only when a module compiles, into a module attribute \
            (`@limit Application.get_env(:shop, :limit)`) or elsewhere in the module's body outside any function \
            (`plug CORSPlug, origin: Application.fetch_env!(:shop, :client_host)`), the value is fixed when that \
            module compiles, and runtime config cannot change it either (it is reported even where the runtime \
            config sets the key again; `Application.get_env(:shop, __MODULE__)` reads the module's own key): the \
            message says so and asks for a read in a function, and no move is offered. A read bound in an `if` \
            condition (`if id = System.get_env("ID") do config … id: id end`) feeds the keys of the calls that \
            use it.

            **Fix.** Moves the enclosing top-level `config` call (with the comment lines right above it) from \
            `prod.exs`/`prod.secret.exs` to the end of the `if config_env() == :prod do` block of \
            `config/runtime.exs`, creating that block, or `runtime.exs` itself with `import Config`, when missing. \
            A project that keeps its runtime settings in `config/releases.exs` (and has no `runtime.exs`) gets the \
            call moved there instead, since a new `runtime.exs` would make the release ignore `releases.exs`; \
            without a prod block there it goes at top level (releases.exs only runs in releases). Which file the \
            release reads depends on the Elixir it is built with (the Dockerfile's `FROM` tag, `.tool-versions`, \
            `elixir_buildpack.config`, else the mix.exs `elixir:` requirement): 1.9 and 1.10 read `releases.exs` \
            even beside `runtime.exs`; before 1.9 a release reads neither, and no fix is offered. \
            The fix is marked safe unless the move could change what the app sees: the call uses a variable \
            bound elsewhere in its file (then no fix is offered, as the moved code would not compile), a later \
            build-time call or runtime.exs sets the same keys (their order would flip), or the keys are read \
            with `Application.compile_env` (the release refuses to boot when they change at runtime). A call in \
            `config.exs` runs in every environment, so it is moved to the top of `runtime.exs`, outside the prod \
            block, where dev and test still evaluate it (marked unsafe: it now runs after `dev.exs`/`test.exs`; never to `releases.exs`, which they do not read). \
            A read outside a `config` call, such as `port = String.to_integer(System.get_env("PORT") || "4000")` \
            at the top of `prod.exs`, gets no fix: the binding and every statement that uses it would have to \
            move together, which is a change to make by hand.""", """
            ```elixir
            # config/prod.exs (the Dockerfile runs `mix release`)
            import Config

            config :shop, Shop.Repo,
              url: System.get_env("DATABASE_URL")

            config :shop, ShopWeb.Endpoint,
              secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            ```
            """, """
            ```elixir
            # config/runtime.exs
            import Config

            if config_env() == :prod do
              config :shop, Shop.Repo,
                url: System.get_env("DATABASE_URL")

              config :shop, ShopWeb.Endpoint,
                secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            end
            ```
            """);

    /** The key of a feature's on/off switch in its keyword list. */
    private static final String ENABLED = "enabled";
    /**
     * Words of a variable name that say it holds the commit a build is made from ({@code GIT_VERSION_TAG}), or that it
     * is meant for the build ({@code COMPILE_ALL_LOCALES}, {@code BUILD_WITHOUT_QUIC}).
     */
    private static final Set<String> BUILD_WORDS = Set.of("SHA", "COMMIT", "REVISION", "REV", "COMPILE", "BUILD");
    /**
     * Words that, beside {@code GIT}, name what the commit is ({@code GIT_VERSION_TAG}, {@code GIT_HASH}); {@code GIT}
     * alone names no build: {@code GIT_ROOT} is where a Git host keeps its repositories when it runs.
     */
    private static final Set<String> GIT_IDENTITY_WORDS = Set.of("VERSION", "TAG", "HASH", "REF", "BRANCH", "DESCRIBE",
            "HEAD");
    /** Words that, beside {@code RELEASE}, name the version being built ({@code RELEASE_VERSION}, set by CI). */
    private static final Set<String> RELEASE_IDENTITY_WORDS = Set.of("VERSION", "VSN", "TAG");
    /** Addresses of the machine itself: a default naming one cannot be what production means to reach. */
    private static final List<String> LOCAL_ADDRESSES = List.of("localhost", "127.0.0.1", "[::1]");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ProjectFacts facts = ProjectFacts.of(project);
        // Nerves firmware is meant to carry build-time config: its env reads at build time are deliberate.
        if (!facts.buildsRelease() || ProjectModel.of(project).dependsOn("nerves") || buildsWithItsEnvironment(project)) {
            return List.of();
        }
        Set<String> buildVariables = ReleaseBuild.of(project).variables();
        MixExsReads mixExs = MixExsReads.of(project);
        ConfigTimeline prod = ConfigTimeline.prod(project);
        Set<List<String>> readAtRuntime = readAtRuntime(prod);
        Set<String> runtimeVariables = prod.variablesReadAt(ConfigPhase.RUNTIME);
        // A switch where the project also deploys with Mix (a Procfile web process runs `mix phx.server`): that
        // path reads it at boot where it is set, and the release gets its unset position, the app's default.
        Procfile procfile = DeployManifests.of(project).procfile();
        boolean mixDeploys = procfile != null && procfile.webRunsMix();
        BuildBranches branches = BuildBranches.of(project);
        // Distillery and exrm replace "${VAR}" placeholders in sys.config at boot (REPLACE_OS_VARS, RELX_REPLACE_OS_VARS).
        boolean replacesPlaceholders = facts.replacesBootPlaceholders();
        List<Finding> findings = new ArrayList<>();
        // One finding per variable and config statement: `if is_nil(get_env("LOG_LEVEL")), do: …,
        // else: get_env("LOG_LEVEL")` is one setting read from one variable.
        Set<String> reported = new HashSet<>();
        for (EnvRead read : prod.envReads()) {
            // A file the release evaluates at boot (its runtime config, a config provider's file) reads everything
            // again there, however else the build imports it (`import_config "releases.exs"` in prod.exs).
            if (branches.skips(read.file(), read.call()) || prod.evaluatedAtBoot(read.file().path())) {
                continue; // a branch the release's build does not take (another build flavour's), or boot-time config
            }
            String variable = read.variable();
            // A secret the build mounts for `mix release` is the build's own choice, but it still ends in sys.config;
            // so does a placeholder the build sets only so that the config compiles (`ENV SECRET_KEY_BASE=nokey`).
            // Only where the read feeds a key the release keeps: one that only decides a warning bakes nothing.
            // A set lookup first: the keys a read feeds are worked out only for a variable the build sets.
            StandIn standIn = variable == null || !buildVariables.contains(variable) ? null
                    : buildStandIn(project, variable);
            if (standIn != null) {
                List<ConfigTimeline.FedKey> fedKeys = prod.keysFedBy(read);
                standIn = fedKeys == null || fedKeys.isEmpty() ? null : standIn;
            }
            boolean deliberate = variable != null && !secretMountedForRelease(project, variable)
                    && !secretGivenByCiToRelease(project, variable) && standIn == null
                    && (buildVariables.contains(variable) || isBuildSetting(variable) || mixExs.reads(variable))
                    || mixDeploys && (read.onlyDecides() || settingOfASwitchedFeature(prod, read))
                    || read.choosesFlavour()
                    || picksACompiledInModule(project, prod, read)
                    || replacesPlaceholders && read.fallsBackToBootPlaceholder()
                    || read.fallsBackToRuntimeRead()
                    || decidedAgainAtBoot(prod, read, runtimeVariables)
                    || decidesOnlyWhatIsSetAgain(prod, read)
                    || fallbackIsWhatDeploymentsSet(project, read)
                    || urlPortLeftToTheListener(project, prod, read, buildVariables)
                    || decidesAnEndpointsCompileTimeKey(project, prod, read);
            if (read.phase() == ConfigPhase.BUILD && !deliberate
                    && reachesRelease(project, prod, branches, read, readAtRuntime)
                    && (variable == null || reported.add(read.file().path() + ":"
                        + read.file().tree().startOffset(read.statement()) + ":" + variable))) {
                findings.add(standIn != null ? standInFinding(project, facts, read, standIn)
                        : finding(project, facts, read, defaultProductionRuns(project, prod, read, runtimeVariables),
                        variable != null && runtimeVariables.contains(variable)));
            }
        }
        return findings;
    }

    /**
     * The literal the read falls back to, when that is what production runs with: no deployment of the repository
     * names the variable (nor does the runtime config read it), no platform sets it, and it is no secret and no local
     * address (a secret baked in is GT005's matter and a localhost default a bug either way). The only harm left is an
     * operator's value that would be ignored: the finding is information. Null when it is not.
     */
    private static String defaultProductionRuns(ProjectContext project, ConfigTimeline prod, EnvRead read,
                                                Set<String> runtimeVariables) {
        String variable = read.variable();
        String fallback = read.literalFallback();
        if (fallback == null || SecretValues.isSecretName(variable) || runtimeVariables.contains(variable)
                || LOCAL_ADDRESSES.stream().anyMatch(fallback::contains)
                || DeploymentVariables.of(project).mayBeSet(variable)) {
            return null;
        }
        List<ConfigTimeline.FedKey> keys = prod.keysFedBy(read);
        boolean secretKey = keys == null || keys.stream()
                .anyMatch(key -> !key.keys().isEmpty() && SecretValues.isSecretName(key.keys().get(key.keys().size() - 1)));
        return secretKey ? null : fallback;
    }

    /**
     * Whether the build's value is the one every deployment starts the release with anyway: the read falls back to
     * 4000 and Gigalixir, where the app deploys, serves port 4000; or the production image's {@code ENV} and every
     * other deployment file that names the variable set it to the fallback. What is baked is what the running release
     * would read.
     */
    private static boolean fallbackIsWhatDeploymentsSet(ProjectContext project, EnvRead read) {
        String fallback = read.fallbackAsEnvironmentValue();
        return read.variable() != null && fallback != null
                && fallback.equals(DeploymentVariables.of(project).fixedValue(read.variable()));
    }

    /**
     * Whether the read is a switch ({@code if System.get_env("ENABLE_BASIC_AUTH") do config :shop, :basic_auth, …})
     * that the runtime config tests again around config of the same app and subjects: the operator's value makes the
     * same decision at boot.
     */
    private static boolean decidedAgainAtBoot(ConfigTimeline prod, EnvRead read, Set<String> runtimeVariables) {
        if (read.variable() == null || !runtimeVariables.contains(read.variable())) {
            return false; // the runtime config reads no such variable: nothing there decides again
        }
        Set<List<String>> decided = decidedBy(prod, read);
        if (decided.isEmpty()) {
            return false;
        }
        return readsAtBoot(prod, read.variable()).stream().anyMatch(other -> decidedBy(prod, other).containsAll(decided));
    }

    /** The runtime config's reads of {@code variable}: where the operator's value is taken again at boot. */
    private static List<EnvRead> readsAtBoot(ConfigTimeline prod, String variable) {
        return prod.envReads().stream()
                .filter(other -> other.phase() == ConfigPhase.RUNTIME && variable.equals(other.variable())).toList();
    }

    /**
     * Whether the read picks which module of the app the code compiles in ({@code router: if(System.get_env("ENABLE_ECI"),
     * do: Web.EciRouter, else: Web.Router)}, plugged in the endpoint's body): a flavour of the build, which only the
     * build can decide, since no config read at boot changes what was compiled.
     */
    private static boolean picksACompiledInModule(ProjectContext project, ConfigTimeline prod, EnvRead read) {
        if (!read.picksModules()) {
            return false;
        }
        List<ConfigTimeline.FedKey> keys = prod.keysFedBy(read);
        AppEnvReads code = AppEnvReads.of(project);
        return keys != null && !keys.isEmpty() && keys.stream().allMatch(key ->
                code.onlyReadWhenCompiling(key.call().app(), key.topKey(), settingOf(key)) != null);
    }

    /**
     * Whether the runtime config reads the same variable into a keyword list it gives whole to the key's app
     * ({@code token -> Keyword.put(settings, :github_token, token)} in a {@code case} on the read, then
     * {@code config :shop, settings}): which keys that list holds cannot be told, so it may set this one again at boot.
     */
    private static boolean passedOnAgainAtBoot(ConfigTimeline prod, EnvRead read, ConfigTimeline.FedKey key) {
        if (read.variable() == null) {
            return false;
        }
        for (EnvRead other : readsAtBoot(prod, read.variable())) {
            if (other.onlyDecides()) {
                continue;
            }
            List<ConfigTimeline.FedKey> again = prod.keysFedBy(other);
            if (again != null && again.stream().anyMatch(whole -> whole.call().subject() == null
                    && whole.call().pairs().isEmpty() && whole.call().app().equals(key.call().app()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the read is a switch ({@code if System.get_env("SENDGRID_API_KEY") do config :shop, Shop.Mailer, …
     * else … end}) whose every config call, in either branch, sets only keys that later config for prod surely sets
     * again: whichever way the build decides, production ends with the later values.
     */
    private static boolean decidesOnlyWhatIsSetAgain(ConfigTimeline prod, EnvRead read) {
        if (!read.onlyDecides()) {
            return false;
        }
        Node statement = read.statement();
        List<ConfigCall> decided = prod.calls().stream().filter(call -> call.file().path().equals(read.file().path())
                && statement.startByte() <= call.call().startByte() && call.call().endByte() <= statement.endByte())
                .toList();
        return !decided.isEmpty() && decided.stream().allMatch(prod::everyKeyReplacedLater);
    }

    /**
     * The app and subject of each config call a read decides on: inside its own {@code if} when it only decides, inside
     * the {@code case} it is the subject of ({@code case System.get_env("OAUTH_PROVIDER") do}), or
     * inside the {@code case}, {@code if} or {@code unless} statements after it that test the variable it is bound to
     * ({@code mailer = System.get_env("MAILER")}, then {@code case mailer do … config :shop, Shop.Mailer, … end}).
     */
    private static Set<List<String>> decidedBy(ConfigTimeline prod, EnvRead read) {
        if (read.onlyDecides()) {
            return configuredWithin(prod, read, read.statement());
        }
        Node switched = read.caseOnValue();
        if (switched != null) {
            return configuredWithin(prod, read, switched);
        }
        SyntaxTree tree = read.file().tree();
        Node binding = read.statement();
        Node operator = binding.is("binary_operator") ? binding.child("operator") : null;
        Node left = binding.child("left");
        if (operator == null || !tree.text(operator).equals("=") || left == null || !left.is("identifier")) {
            return Set.of();
        }
        Pattern named = Pattern.compile("\\b" + Pattern.quote(tree.text(left)) + "\\b");
        Set<List<String>> configured = new HashSet<>();
        for (Node statement : siblingsAfter(tree, binding)) {
            String called = ElixirSyntax.localCallName(tree, statement);
            List<Node> arguments = called != null && DECIDING.contains(called) ? ElixirSyntax.arguments(statement)
                    : List.of();
            if (!arguments.isEmpty() && named.matcher(tree.text(arguments.get(0))).find()) {
                configured.addAll(configuredWithin(prod, read, statement));
            }
        }
        return configured;
    }

    /** The top-level statements of the file that follow {@code statement}; none when it is not one of them. */
    private static List<Node> siblingsAfter(SyntaxTree tree, Node statement) {
        List<Node> all = tree.statements();
        int at = all.indexOf(statement);
        return at < 0 ? List.of() : all.subList(at + 1, all.size());
    }

    /** The app and subject of each config call of the read's file inside {@code statement}. */
    private static Set<List<String>> configuredWithin(ConfigTimeline prod, EnvRead read, Node statement) {
        Set<List<String>> configured = new HashSet<>();
        callsWithin(prod, read, statement).forEach(call -> configured.add(Arrays.asList(call.app(), call.subject())));
        return configured;
    }

    /** The prod config calls written inside {@code statement} of the read's file. */
    private static List<ConfigCall> callsWithin(ConfigTimeline prod, EnvRead read, Node statement) {
        List<ConfigCall> within = new ArrayList<>();
        for (ConfigCall call : prod.calls()) {
            if (call.file().path().equals(read.file().path()) && statement.startByte() <= call.call().startByte()
                    && call.call().endByte() <= statement.endByte()) {
                within.add(call);
            }
        }
        return within;
    }

    /**
     * Whether the only visible release build is one that sees the running service's environment: the project's build
     * script run by Render, a deploy script that builds and starts it on the server over ssh or loads an env file
     * before it builds, edeliver building on the one production host as its user, or mina running
     * {@code mix release} on the one host it deploys to, or App Engine flex's Elixir runtime, which builds with
     * app.yaml's {@code env_variables} (no image and no CI workflow builds the release). What it bakes is the
     * service's value.
     */
    private static boolean buildsWithItsEnvironment(ProjectContext project) {
        Edeliver edeliver = Edeliver.of(project);
        Mina mina = Mina.of(project);
        BuildScripts scripts = BuildScripts.of(project);
        return (scripts.buildsOnRender() || scripts.buildsOnServer() || scripts.buildsWithEnvironmentFile()
                || edeliver != null && edeliver.buildsWhereItRuns() || mina != null && mina.buildsWhereItRuns()
                || AppEngineFlex.buildsOnElixirRuntime(project))
                && ReleaseImage.of(project).dockerfile() == null && CiWorkflows.of(project).releaseWorkflow() == null;
    }

    /**
     * Whether the read gives a setting of a feature whose {@code enabled:} switch, beside it in the same keyword list,
     * is itself a switch read ({@code config :app, :ldap, enabled: System.get_env("LDAP_ENABLED") == "true", host:
     * System.get_env("LDAP_HOST")}): where the Mix path reads the switch at boot, the release gets the feature off,
     * and its settings with it.
     */
    private static boolean settingOfASwitchedFeature(ConfigTimeline prod, EnvRead read) {
        ConfigCall call = prod.callAt(read.file().path(), read.statement());
        if (call == null) {
            return false;
        }
        List<ConfigEntry> entries = ConfigEntry.of(call);
        ConfigEntry holding = ConfigEntry.innermostHolding(entries, read.call());
        if (holding == null || holding.key().equals(ENABLED)) {
            return false;
        }
        for (ConfigEntry sibling : entries) {
            if (sibling.key().equals(ENABLED) && sibling.parent() == holding.parent() && prod.envReads().stream()
                    .anyMatch(switchRead -> switchRead.onlyDecides() && sibling.holds(switchRead.call()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Mix's own build settings (MIX_ENV, MIX_TARGET …), the identity of the build (the commit it is built from:
     * Heroku's SOURCE_VERSION, GIT_SHA, COMMIT_SHA …) and variables named for the build (COMPILE_…, BUILD_…), which
     * belong in the release as they were when it was built.
     */
    static boolean isBuildSetting(String variable) {
        if (variable.startsWith("MIX_") || variable.equals("SOURCE_VERSION")) {
            return true;
        }
        List<String> words = Arrays.asList(variable.split("_"));
        return words.stream().anyMatch(BUILD_WORDS::contains)
                || words.contains("GIT") && words.stream().anyMatch(GIT_IDENTITY_WORDS::contains)
                || words.contains("RELEASE") && words.stream().anyMatch(RELEASE_IDENTITY_WORDS::contains);
    }

    /**
     * Whether the value read can end up in the release's running config: it feeds a key that no later call sets
     * again for prod (nor may config loaded at boot from outside the repository set it, {@link OperatorConfig}), that
     * the project does not read with {@code Application.compile_env} (a value fixed at compile time by design) and that
     * something besides Mix tasks may read; or it goes somewhere the model cannot follow, and nothing is loaded at boot
     * from outside the repository.
     */
    private static boolean reachesRelease(ProjectContext project, ConfigTimeline prod, BuildBranches branches,
                                          EnvRead read, Set<List<String>> readAtRuntime) {
        OperatorConfig operator = OperatorConfig.of(project);
        List<ConfigTimeline.FedKey> keys = prod.keysFedBy(read);
        if (keys == null) {
            return !operator.loads();
        }
        AppEnvReads code = AppEnvReads.of(project);
        // A key the code only reads when it compiles keeps the build-time value, whatever the runtime config says.
        return keys.stream().anyMatch(key -> (code.onlyReadWhenCompiling(key.call().app(), key.topKey(),
                        settingOf(key)) != null
                        ? !prod.replacedLaterAtBuild(key) : !prod.replacedLater(key)
                          && !readAtRuntime.contains(subjectRead(read.variable(), key))
                          && !passedOnAgainAtBoot(prod, read, key))
                && !prod.maySetUnseenAfter(key.call())
                && !operator.maySet(key.call().app(), key.call().subject(), firstKey(key))
                && !reconfiguredAtConnect(prod, key)
                && !ProjectModel.of(project).setAtInit(key.call().subject(), firstKey(key))
                && !overriddenByRepoUrl(project, prod, key)
                && !branches.skips(key.call().file(), key.call().call())
                && !code.readsAtCompileTime(key.call().app(), key.topKey(), settingOf(key))
                && !readByEndpointWhenCompiling(project, key)
                && !code.readOnlyByBuildTools(key.call().app(), key.topKey())
                && !code.readByNothing(key.call().app(), key.topKey())
                && !code.configuresNoApp(key.call().app())
                && !code.settingReadByNothing(key.call().app(), key.call().subject(), key.keys())
                && !code.moduleKeyReadByNothing(key.call().app(), key.call().subject())
                && !appsKeyOfAnEndpointReadByNothing(project, code, key)
                && !code.fallsBackToVariable(key.call().app(), key.topKey(), read.variable())
                && !LibraryEnvReads.readsItself(key.call().app(), read.variable())
                && !ClientLibraries.of(project).neverCalled(key.call().app(), key.topKey())
                && !BuildToolApps.configures(key.call().app()));
    }

    /**
     * Whether the read only gives an endpoint's {@code url: [port: …]} and, left unset by the build with no fallback,
     * bakes nil: Phoenix then builds URLs with the port the endpoint listens on, which is what reading the listening
     * port into the URL meant ({@code url: [port: System.get_env("PORT")]}).
     */
    private static boolean urlPortLeftToTheListener(ProjectContext project, ConfigTimeline prod, EnvRead read,
                                                    Set<String> buildVariables) {
        if (read.variable() == null || buildVariables.contains(read.variable()) || read.hasFallback()
                || read.failsWhenUnset()) {
            return false;
        }
        List<ConfigTimeline.FedKey> keys = prod.keysFedBy(read);
        return keys != null && !keys.isEmpty() && keys.stream()
                .allMatch(key -> key.keys().equals(List.of("url", "port"))
                && ProjectModel.of(project).phoenix().endpoint(key.call().subject()) != null
                && listensOn(prod, key.call(), read.variable()));
    }

    /** Whether the endpoint listens on the variable's port: PORT, or a read of it for {@code http: [port: …]}. */
    private static boolean listensOn(ConfigTimeline prod, ConfigCall endpoint, String variable) {
        if (variable.equals("PORT")) {
            return true;
        }
        for (EnvRead other : prod.envReads()) {
            List<ConfigTimeline.FedKey> fed = variable.equals(other.variable()) ? prod.keysFedBy(other) : null;
            if (fed != null && fed.stream().anyMatch(key -> key.keys().equals(List.of("http", "port"))
                    && Objects.equals(key.call().subject(), endpoint.subject()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the read is a switch around config that sets a key Phoenix's endpoint reads when it compiles
     * ({@code if System.get_env("FORCE_SSL") in ~w(true 1) do config …, force_ssl: …, exclude: … end}): such a
     * switch can only be decided while the release is built, and the keys set beside that one go with it.
     */
    private static boolean decidesAnEndpointsCompileTimeKey(ProjectContext project, ConfigTimeline prod, EnvRead read) {
        return read.onlyDecides() && callsWithin(prod, read, read.statement()).stream()
                .anyMatch(call -> ProjectModel.of(project).phoenix().endpoint(call.subject()) != null
                        && EndpointKeys.COMPILE_TIME.stream().anyMatch(key -> call.value(key) != null));
    }

    /**
     * Whether the key is one Phoenix's endpoint reads when it compiles ({@code force_ssl:}, {@code code_reloader:},
     * {@code debug_errors:}): it can only be decided while the release is built, and a runtime value refuses to boot.
     */
    private static boolean readByEndpointWhenCompiling(ProjectContext project, ConfigTimeline.FedKey key) {
        String setting = firstKey(key);
        return setting != null && EndpointKeys.readAtCompileTime(setting)
                && ProjectModel.of(project).phoenix().endpoint(key.call().subject()) != null;
    }

    /**
     * Whether the key is one the app added to an endpoint's config ({@code git_version:} beside {@code url:}) that
     * neither Phoenix reads nor any code names: nothing reads the value the build froze.
     */
    private static boolean appsKeyOfAnEndpointReadByNothing(ProjectContext project, AppEnvReads code,
                                                          ConfigTimeline.FedKey key) {
        String subject = key.call().subject();
        String setting = firstKey(key);
        return setting != null && !EndpointKeys.readByPhoenix(setting)
                && ProjectModel.of(project).phoenix().endpoint(subject) != null
                && code.endpointKeyReadByNothing(key.call().app(), setting);
    }

    /**
     * Whether a CI workflow gives the variable, a secret by its name or a database URL, to its step that runs
     * {@code mix release} ({@code SECRET_KEY_BASE: ${{ secrets.SECRET_KEY_BASE }}}): a deliberate build value, but
     * one the release's sys.config then carries wherever the artifact goes.
     */
    private static boolean secretGivenByCiToRelease(ProjectContext project, String variable) {
        // A database URL carries the database's password.
        return (SecretValues.isSecretName(variable) || variable.endsWith("DATABASE_URL"))
                && CiWorkflows.of(project).releaseStepVariables().contains(variable);
    }

    /** Whether {@code mix release} takes the variable, a secret by its name, from a secret mount of the image build. */
    private static boolean secretMountedForRelease(ProjectContext project, String variable) {
        return SecretValues.isSecretName(variable) && ReleaseSecretMounts.of(project).passesToRelease(variable);
    }

    /** The setting of a module's key the read feeds ({@code :url} of {@code config :shop, Endpoint, url: …}), or null. */
    private static String settingOf(ConfigTimeline.FedKey key) {
        return key.call().subject() != null ? firstKey(key) : null;
    }

    /** The key the read feeds right below its call's subject (or app), or null for the whole subject. */
    private static String firstKey(ConfigTimeline.FedKey key) {
        return key.keys().isEmpty() ? null : key.keys().get(0);
    }

    /**
     * Whether the key's subject has a {@code configure: {Module, :function, args}} callback in prod (Ecto repos pass it
     * to DBConnection, which calls it before each connection and uses the options it returns): the callback may set
     * the key anew at boot, from the environment of the running release.
     */
    private static boolean reconfiguredAtConnect(ConfigTimeline prod, ConfigTimeline.FedKey key) {
        return key.call().subject() != null
                && prod.effective(key.call().app(), key.call().subject(), "configure").isSet();
    }

    /**
     * Whether the key is a part of an Ecto repo's connection ({@code username}, {@code password}, {@code hostname} …)
     * whose config in prod also sets {@code url:}: Ecto takes those parts from the URL over the keywords, so the URL's
     * own read is the one that decides, and is reported for itself. So does a URL set under a condition (on the
     * variable that holds it), wherever that condition holds.
     */
    private static boolean overriddenByRepoUrl(ProjectContext project, ConfigTimeline prod, ConfigTimeline.FedKey key) {
        String subject = key.call().subject();
        String part = firstKey(key);
        if (subject == null || part == null || !URL_PARTS.contains(part)
                || !ProjectModel.of(project).repos().defines(subject)) {
            return false;
        }
        ConfigValue url = prod.effective(key.call().app(), subject, "url");
        if (url.state() == ConfigValue.State.UNKNOWN && url.call() != null) {
            return true; // `if database_url = System.get_env("DATABASE_URL")`: where it is set, the URL's part wins
        }
        return url.isSet() && !url.call().tree().text(url.value()).equals("nil");
    }

    /**
     * Each variable the runtime config reads, with the app and subject it feeds: a build-time read of the same variable
     * for the same app and subject is a leftover beside it, since the operator's value reaches that subject at boot
     * ({@code size:} next to the {@code pool_size:} that runtime.exs sets from the same POOL_SIZE).
     */
    private static Set<List<String>> readAtRuntime(ConfigTimeline prod) {
        Set<List<String>> reads = new HashSet<>();
        for (EnvRead read : prod.envReads()) {
            List<ConfigTimeline.FedKey> fed = read.phase() == ConfigPhase.RUNTIME && read.variable() != null
                    ? prod.keysFedBy(read) : null;
            if (fed != null) {
                fed.forEach(key -> reads.add(subjectRead(read.variable(), key)));
            }
        }
        return reads;
    }

    /** A variable with the app and subject of the key it feeds. */
    private static List<String> subjectRead(String variable, ConfigTimeline.FedKey key) {
        return Arrays.asList(variable, key.call().app(), key.call().subject());
    }

    /** A placeholder the release's build sets a secret to, and the Dockerfile that sets it. */
    private record StandIn(String value, String dockerfile) {
    }

    /**
     * The placeholder an image's stage that runs {@code mix release} sets the secret to ({@code ENV
     * SECRET_KEY_BASE=nokey}, there so that config which requires the variable compiles), or null.
     */
    private static StandIn buildStandIn(ProjectContext project, String variable) {
        for (DockerImage image : DeployModel.of(project).productionImages()) {
            if (!image.buildsRelease() || image.releaseStage() == null) {
                continue;
            }
            String value = image.environment(image.releaseStage()).get(variable);
            if (value != null && !value.contains("$") && SecretValues.isSecretName(variable)
                    && SecretValues.isKeyBaseStandIn(variable, value)) {
                return new StandIn(value, project.project().relativize(image.file().path()));
            }
        }
        return null;
    }

    /** A build-time read of a secret that the release's build sets to a placeholder: the release keeps it. */
    private Finding standInFinding(ProjectContext project, ProjectFacts facts, EnvRead read, StandIn standIn) {
        SyntaxTree tree = read.file().tree();
        String variable = read.variable();
        String consequence = SecretValues.tooShortForKeyBase(variable, standIn.value())
                ? " Plug's cookie store refuses a secret_key_base under 64 bytes, so every request that uses the "
                  + "session fails." : "";
        String message = readLabel(tree, read.call()) + " in " + project.project().relativize(read.file().path())
                + " is evaluated when the release is built (" + facts.releaseEvidence() + "), where "
                + standIn.dockerfile() + " sets " + variable + " to the placeholder `" + standIn.value() + "` so that "
                + "the config compiles: the release keeps `" + standIn.value() + "`, and setting " + variable
                + " where it runs changes nothing." + consequence + " Read it " + bootTimeRead(project) + ".";
        Fix move = read.readsAppConfig() ? null : moveFix(project, read);
        return new Finding(INFO, Severity.ERROR, read.file(), tree.startOffset(read.call()), tree.endOffset(read.call()),
                message, move == null ? List.of() : List.of(move));
    }

    /**
     * @param readAgainAtBoot whether the runtime config reads the same variable for other settings: the operator's
     *                        value reaches those, and only this copy keeps the build's
     */
    private Finding finding(ProjectContext project, ProjectFacts facts, EnvRead read, String defaultProductionRuns,
                            boolean readAgainAtBoot) {
        SyntaxTree tree = read.file().tree();
        String fileName = project.project().relativize(read.file().path());
        String variable = read.variable();
        AppEnvReads.Read compiledRead = readOnlyWhenCompiling(project, read);
        String message = compiledRead != null && variable != null
                ? readLabel(tree, read.call()) + " in " + fileName + " is evaluated when the release is built ("
                  + facts.releaseEvidence() + "), and " + project.project().relativize(compiledRead.call().file().path())
                  + " reads the key " + AppEnvReads.compiledIn(compiledRead.call()) + " when it compiles: the "
                  + "code keeps " + (defaultProductionRuns != null ? defaultProductionRuns + " (or the build machine's "
                  + variable + ")" : "the build machine's value") + ", and setting " + variable + " where the release "
                  + "runs changes nothing, from runtime config either. "
                  + (defaultProductionRuns != null ? "No deployment of this repository sets " + variable + ", so "
                  + defaultProductionRuns + " is what production runs with today; to make it configurable, read " : "Read ")
                  + "the key with Application.get_env in a function, when it runs, and the variable "
                  + bootTimeRead(project) + "."
                : variable != null && secretMountedForRelease(project, variable)
                ? readLabel(tree, read.call()) + " in " + fileName + " is evaluated when the release is built ("
                  + facts.releaseEvidence() + "). The build passes " + variable + " through a secret mount, which keeps "
                  + "it out of the image's layers, but `mix release` writes the value read here into the release's "
                  + "sys.config, which ships in the image: whoever can pull the image reads it there, and changing it "
                  + "takes a rebuild. Read it " + bootTimeRead(project) + ", from the environment the release runs in."
                : variable != null && secretGivenByCiToRelease(project, variable)
                ? readLabel(tree, read.call()) + " in " + fileName + " is evaluated when the release is built ("
                  + facts.releaseEvidence() + "), which the workflow gives " + variable + " from its secrets: "
                  + "`mix release` writes the value into the release's sys.config, so the artifact carries the secret "
                  + "in plain text wherever it is copied, and changing it takes a rebuild. Read it "
                  + bootTimeRead(project) + ", from the environment the release runs in."
                : defaultProductionRuns != null
                ? readLabel(tree, read.call()) + " in " + fileName + " is evaluated when the release is built ("
                  + facts.releaseEvidence() + "): the release keeps " + defaultProductionRuns + " (or the build "
                  + "machine's " + variable + "), and setting " + variable + " where it runs changes nothing. No "
                  + "deployment of this repository sets " + variable + ", so " + defaultProductionRuns + " is what "
                  + "production runs with today; read it " + bootTimeRead(project) + " to make it configurable."
                : read.readsAppConfig()
                ? readLabel(tree, read.call()) + " in " + fileName + " runs when the release is built ("
                  + facts.releaseEvidence() + "), before the config these files write is loaded: it returns nil or "
                  + "what the build machine had loaded, and that is baked into the release; read the value where the "
                  + "app uses it, or " + bootTimeRead(project) + "."
                : readAgainAtBoot
                ? readLabel(tree, read.call()) + " in " + fileName + " is evaluated when the release is built ("
                  + facts.releaseEvidence() + "). The runtime config reads " + variable + " again for other settings, "
                  + "but not for this one, which keeps the build machine's value; read it " + bootTimeRead(project)
                  + " for this setting too."
                : readLabel(tree, read.call()) + " in " + fileName + " is evaluated when the release is built ("
                  + facts.releaseEvidence() + "), so the build machine's value is baked into the release; "
                  + "read it " + bootTimeRead(project) + ".";
        // Moved to the runtime config, an application config read would see other values, and a key the code
        // takes when it compiles would not change: no fix.
        Fix move = read.readsAppConfig() || compiledRead != null ? null : moveFix(project, read);
        // A literal default that production runs with today breaks nothing the repository deploys: a hint, for
        // whoever edits the config. A stale copy of a secret (a signer's key) matters as much as any build-time
        // secret: not information.
        Severity severity = defaultProductionRuns != null ? Severity.HINT
                : readAgainAtBoot && compiledRead == null && !read.readsAppConfig()
                        && !SecretValues.isSecretName(variable)
                ? Severity.INFO : INFO.defaultSeverity();
        return new Finding(INFO, severity, read.file(), tree.startOffset(read.call()),
                tree.endOffset(read.call()), message, move == null ? List.of() : List.of(move));
    }

    /**
     * A read when a module compiles that is the app's only kind of read of every key the env read feeds
     * ({@code @limit Application.get_env(:shop, :limit)}, a {@code plug} option in a module's body), or null.
     */
    private static AppEnvReads.Read readOnlyWhenCompiling(ProjectContext project, EnvRead read) {
        List<ConfigTimeline.FedKey> keys = ConfigTimeline.prod(project).keysFedBy(read);
        if (keys == null || keys.isEmpty()) {
            return null;
        }
        AppEnvReads code = AppEnvReads.of(project);
        AppEnvReads.Read first = null;
        for (ConfigTimeline.FedKey key : keys) {
            AppEnvReads.Read compiledRead = code.onlyReadWhenCompiling(key.call().app(), key.topKey(), settingOf(key));
            if (compiledRead == null) {
                return null;
            }
            if (first == null) {
                // Of several reads of a module's key, the one that takes this setting: `[:client_secret]`.
                String setting = key.call().subject() != null && !key.keys().isEmpty() ? key.keys().get(0) : null;
                first = setting == null ? compiledRead : code.reads().stream()
                        .filter(other -> compiledRead.key().equals(other.key()) && key.call().app().equals(other.app())
                                && AppEnvReads.compiledIn(other.call()) != null && AppEnvReads.takes(other, setting))
                        .findFirst().orElse(compiledRead);
            }
        }
        return first;
    }

    /**
     * Where the read belongs instead ("in config/runtime.exs"): the runtime config this release reads ({@code runtime.exs}, or
     * {@code releases.exs} for the Elixir it is built with), or, for a release Distillery builds, Distillery's own ways
     * of reading at boot.
     */
    private static String bootTimeRead(ProjectContext project) {
        if (ProjectFacts.of(project).exrmRelease()) {
            return "when the release boots (\"${VAR}\" in the config, replaced with RELX_REPLACE_OS_VARS=true)";
        }
        if (ReleaseTool.of(project) == ReleaseTool.DISTILLERY) {
            List<DocumentSnapshot> provided = ConfigTimeline.providedFiles(project);
            return provided.isEmpty()
                    ? "when the release boots (a Distillery config provider, or \"${VAR}\" with REPLACE_OS_VARS=true)"
                    : "in " + project.project().relativize(provided.get(provided.size() - 1).path())
                      + " (the release's config provider evaluates it at boot)";
        }
        RuntimeConfig runtime = RuntimeConfig.release(project);
        return runtime == null ? "when the release boots" : "in config/" + runtime.name();
    }

    /** {@code System.get_env("DATABASE_URL")}, or the call as written when its argument is not a literal. */
    private static String readLabel(SyntaxTree tree, Node call) {
        String text = tree.text(call);
        return text.contains("\n") || text.length() > 80 ? text.substring(0, text.indexOf('(') + 1) + "…)" : text;
    }

    // ---- the fix: move the config call to the runtime config ----

    private static Fix moveFix(ProjectContext project, EnvRead read) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        ConfigCall call = read.applies() == Truth.TRUE && read.topLevel()
                ? prod.callAt(read.file().path(), read.statement()) : null;
        // An exrm release evaluates no config file at boot: nothing to move the call into.
        RuntimeConfig runtime = ProjectFacts.of(project).exrmRelease() ? null : RuntimeConfig.release(project);
        ConfigEdits.Moved moved = call == null || call.usesBindings() || runtime == null ? null
                : ConfigEdits.move(read.file(), call.call());
        if (moved == null) {
            return null;
        }
        String label = callLabel(call);
        String target = "config/" + runtime.name();
        if (read.prodOnly()) {
            Fix.Change insertion = ConfigEdits.insertIntoProdBlock(runtime, moved.code());
            String title = !runtime.exists() ? "Move `" + label + "` into a new " + target
                    + (runtime.hasConfigEnv() ? ", inside `if config_env() == :prod`" : "")
                    : ConfigEdits.hasProdBlock(runtime) ? "Move `" + label + "` into the `if config_env() == :prod` block of " + target
                    : "Move `" + label + "` to " + target;
            return insertion == null ? null : new Fix(title, safeToMove(project, prod, call), List.of(moved.removal(), insertion));
        }
        // config.exs (or a file it imports for every environment): dev and test need the call too.
        Fix.Change insertion = ConfigEdits.insertForEveryEnvironment(runtime, moved.code());
        return insertion == null ? null : new Fix("Move `" + label + "` to " + target
                + " (evaluated at boot, in every environment)", false, List.of(moved.removal(), insertion));
    }

    /** {@code config :shop, Shop.Repo} as written. */
    private static String callLabel(ConfigCall call) {
        SyntaxTree tree = call.tree();
        List<Node> arguments = ElixirSyntax.arguments(call.call());
        StringBuilder label = new StringBuilder("config ").append(tree.text(arguments.get(0)));
        if (arguments.size() >= 2 && !arguments.get(1).is("keywords")) {
            String subject = tree.text(arguments.get(1));
            if (!subject.contains("\n") && subject.length() <= 60) {
                label.append(", ").append(subject);
            }
        }
        return label.toString();
    }

    /**
     * Safe unless the move could change what the app sees: a later build-time call or a runtime call sets the
     * same keys (their order would flip), or the keys are read at compile time.
     */
    private static boolean safeToMove(ProjectContext project, ConfigTimeline prod, ConfigCall moved) {
        if (prod.touchedLater(moved)) {
            return false;
        }
        for (Node pair : moved.pairs()) {
            if (EndpointKeys.readAtCompileTime(ElixirSyntax.keywordName(moved.tree(), pair))) {
                return false;
            }
        }
        return !AppEnvReads.of(project).readsAtCompileTime(moved.app());
    }
}
