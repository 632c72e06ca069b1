package dev.gotchals.rules;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.Truth;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.config.ConfigAlternatives;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigEntry;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.config.EnvCalls;
import dev.gotchals.model.config.EnvRead;
import dev.gotchals.model.config.KeptSettings;
import dev.gotchals.model.config.OperatorConfig;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.model.config.VariableUse;
import dev.gotchals.model.deploy.AssemblyTimeValues;
import dev.gotchals.model.deploy.BuildScripts;
import dev.gotchals.model.deploy.ComposeServices;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DeploymentVariables;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.model.deploy.ManifestEnvironment;
import dev.gotchals.model.deploy.ProductionEnvironments;
import dev.gotchals.model.deploy.ManifestSecrets;
import dev.gotchals.model.deploy.ScriptFile;
import dev.gotchals.model.project.AppEnvReads;
import dev.gotchals.model.project.BrowserCode;
import dev.gotchals.model.project.EctoRepos;
import dev.gotchals.model.project.EndpointSessions;
import dev.gotchals.model.project.GitIgnore;
import dev.gotchals.model.project.PhoenixApp;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.model.project.ReleasedApps;
import dev.gotchals.model.project.RemoteCalls;
import dev.gotchals.model.project.ProductionShown;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.SecretValues.Hit;
import dev.gotchals.rules.SecretValues.SecretNames;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.shell.SimpleCommand;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GT005 hardcoded-secret: a secret written into the configuration production runs with (a literal, a URL with an
 * inline password, a literal fallback for an unset variable; see {@link SecretValues}), a secret baked into a
 * Docker image, and calls of the non-existent {@code System.get_env!/1}.
 */
public final class HardcodedSecretRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT005", "hardcoded-secret",
            "Secret written into production config or a Docker image", Severity.ERROR, """
            **What it finds.**
            - A literal value for a secret-like key (`secret_key_base`, `password`, `secret`, `token`, \
            `api_key`, `private_key`, `access_key`, `secret_key`, `encryption_key`, `signing_key`, `license_key`, and any key \
            ending in `_password`, `_secret`, `_token`, `_api_key` …), also in a nested keyword list or map \
            (`routing: %{api_key: "…"}`), in a config call that runs in production: \
            `config/config.exs`, `config/prod.exs` and the files they import, `config/runtime.exs`; also a \
            literal joined with the Mix environment the build fixes (`to_string(Mix.env) <> "SuPerseCret"`).
            - A URL with an inline password (`ecto://user:pass@host/db`, `postgres://…`, `redis://:pass@…`) \
            as a literal there, whatever its key; and the `"k"` of a symmetric JSON Web Key written as a map under \
            such a key (`secret_key: %{"kty" => "oct", "k" => "…"}`, a Guardian HMAC key).
            - A vendor's credential in its own format, whatever the key or variable that holds it is called \
            (`API_KEY_GEMINI`, `config :app, :gemini, "AIza…"`): a Google API key (`AIza…`), a live Stripe secret \
            key (`sk_live_…`, `rk_live_…`), GitHub and GitLab tokens (`ghp_…`, `github_pat_…`, `glpat-…`), Slack \
            tokens and webhook URLs, SendGrid, Mailgun, Shopify and npm keys, OpenAI-style `sk-…` keys and PEM \
            private keys; in config, in Dockerfiles, in `rel/env.sh.eex` and in manifests. Identifiers (an AWS \
            access key id) are no secrets.
            - Stripe's test-mode key (`sk_test_…`, `rk_test_…`) as what production keeps, in a repository that \
            shows a production: it reaches test data only, so the message says instead that the app runs against \
            the test mode, where no payment is real; likewise a literal fallback to one.
            - A literal fallback for such a value: `System.get_env("STRIPE_KEY") || "sk_…"` or \
            `System.get_env("STRIPE_KEY", "sk_…")` (also as `get_env` after `import System`, or as \
            `Map.get(System.get_env(), "STRIPE_KEY", "sk_…")`), and a literal that a branch production may take \
            yields (`if`, `case`, `cond`; a branch ruled out by `config_env() == :prod` is not taken), or that a \
            function the config file binds returns when what it reads is missing (`file_read.(secret_path, \
            "6FXm…")` with `file_read = fn path, default -> case File.read(path) do {:ok, data} -> data; _ -> \
            default end end`).
            - A literal that the runtime config sets again but keeps when its variable is unset: it reads the \
            configured value back as the fallback (`get_env("KEY", Application.get_env(:app, Endpoint)\
            [:secret_key_base])`), or drops the pair whose read is nil (`compact.(secret_key_base: \
            System.get_env("KEY"))` with a `compact` that rejects nil values).
            - A `"${SECRET_KEY_BASE}"` placeholder for a secret where nothing replaces it: only Distillery and \
            exrm releases fill such placeholders in at boot (`REPLACE_OS_VARS`), or a deployment that runs \
            `envsubst`; where the repository builds Elixir's own release or starts the app with Mix, production \
            runs with the text itself.
            - A placeholder fallback of a key that signs (an endpoint's `secret_key_base`, a Guardian module's \
            `secret_key`, a `*signing*` or `*jwt*` secret): `System.get_env("SECRET_KEY_BASE", "changethis")`. No \
            leak, but an instance started without the variable signs sessions or tokens with a value anyone can read.
            - A well-known test or placeholder value (`changeme`, `my_api_key`, a default login such as `admin:admin`, \
            a value that says \
            `DoNotUseInProduction` or `dev-only-…`, a variable's name set off by marks as a redacted value is \
            written (`***STRIPE_API_KEY***`, `%MAILGUN_KEY%`), a vendor's key shape filled with one character such as `SG.x.x` or \
            `sk_live_xxxx`, a note in its place such as \
            `see runtime config`, hCaptcha's all-zero test \
            secret, the example credentials of AWS's documentation (`AKIAIOSFODNN7EXAMPLE`, \
            `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`), a dummy `ENV SECRET_KEY_BASE=nokey` or any key base \
            written in words or as a number and \
            shorter than the 64 bytes \
            Plug's cookie store requires, such as `nokeyyet`, a service's default login such as `username: \
            "memgraph", password: "memgraph"`, a filler that the same keyword list also gives a setting that is \
            no secret, such as `client_id: get_env("ID", "ASFD"), client_secret: get_env("SECRET", "ASFD")`, or \
            that spells out the setting's or the variable's own name, such as \
            `bearer_token: get_env("BEARER_TOKEN", "bearer-token")`) \
            that production keeps, in a repository that shows a deployment: it is no leak, but the app runs \
            without its real secret (without a deployment in sight, nothing says a production runs with it; an \
            image that serves with `mix phx.server` and no `MIX_ENV`, so in dev, and says nothing of prod, is a \
            developer's container, not a deployment). A \
            placeholder a read \
            at boot falls back to (`System.get_env("ADMIN_PASSWORD") || "changeme"` in `runtime.exs`) is what \
            production keeps where no deployment of the repository names the variable (as for GT001's defaults): \
            a password of the app's own settings (`:admin_password`, `:basic_auth`'s `password`) is then reported \
            as a value anyone can guess; a client's login under a module (`Shop.Repo`, `Shop.Mailer`) or beside the \
            server it is for (`metadb: [hostname: …, password: …]`) is not, since \
            a placeholder there fails to connect rather than opens the app. An `ENV` placeholder \
            that the running image keeps is a warning where the app reads the variable (a required read no \
            longer fails at boot) and nothing where neither config nor `lib/` names it, or where the image builds a \
            release and has no `CMD` or `ENTRYPOINT` (a build environment whose release is copied out). The same value in a build stage only, as a fallback of a key that signs nothing, in a committed \
            `prod.secret.exs` (or any `*.secret.exs`: the template of the file the build host fills in; so is a \
            config file committed although `.gitignore` leaves it out, such as `/config/`), or where the runtime \
            config may replace it is fine; so is a fallback production never reaches, after a variable the same \
            config stops without (`get_env("ALIAS_SECRET") || get_env("SECRET_KEY_BASE") || "…"` beside \
            `get_env("SECRET_KEY_BASE") || raise`, or `fetch_env!`, evaluated in the same phase); so is a value \
            that says the setting needs no secret (`api_key: \
            "doesntmatter"`, `"unused"`) for a key that signs nothing; so are default passwords of local databases \
            (`postgres`), URLs whose \
            credentials log in to the machine itself (`amqp://app:app@localhost`), a default login beside a \
            `localhost` host where production runs an image (`host: "http://localhost:3000", auth_token: \
            "admin:admin"`: no such server runs in the container), a password beside \
            `hostname: "host.docker.internal"` (the developer's machine seen from a container), the default login of a \
            database the repository's Compose stack runs and publishes no port of (`hostname: "db"` beside a \
            service `db` with `image: postgres` and no `ports:`: only the stack's own containers reach it), and keys \
            meant for browsers (PostHog `phc_…`, Stripe `pk_…`, Bugsnag's notifier `api_key`, Honeybadger's \
            project `api_key`, and any value the \
            project's own page scripts under `assets/` carry as well: every visitor's browser receives it); so is a \
            placeholder login beside `enabled: false`, an integration production does not turn on (the example \
            root login of OpenObserve's quickstart for a logging backend that is off).
            - A Dockerfile `ENV` or `ARG` default with a literal value for a secret-like name \
            (`SECRET_KEY_BASE`, `DATABASE_PASSWORD`, `*_TOKEN`, `*_API_KEY`) or a URL with an inline password; \
            the same value set in a build stage and in the running image is reported once, where it ships; a value \
            a build stage's `ENV` gives a setting that is no secret as well (`ENV DASHBOARD_USER=build \
            DASHBOARD_PASS=build`) is filler the compilation needs, not a secret.
            - A connection string with its password pasted where an environment read expects the variable's name \
            (`System.get_env("postgresql://app:s3cret@db…/app")`): committed, and the read returns nil.
            - A secret-like variable that `rel/env.sh.eex` sets to a value its EEx computes (`export \
            SECRET_KEY_BASE=<%= Base.encode16(:crypto.strong_rand_bytes(32)) %>`): Mix evaluates the template \
            once, when `mix release` assembles the release, so every copy of the release and of its image shares \
            that value, and an export that does not fall back to the environment replaces the platform's. One it \
            writes as a literal (`export SECRET_KEY_BASE=3AW…`), or a URL with an inline password (`export \
            DATABASE_URL=ecto://admin:pw@$PGHOST/app`), is committed with the template besides.
            - A secret-like variable that the project's build script sets to a literal for its `mix release` \
            (`SECRET_KEY_BASE=Rxq… MIX_ENV=prod mix release` in `build.sh`) where config the build evaluates \
            reads it: committed with the script, and baked into every release it builds.
            - A secret-like variable or a URL with an inline password written as a literal in a Kubernetes \
            manifest of the repository (not a Helm chart's template, nor one for a local or test cluster such as \
            `overlays/kind/` or `k8s/dev/`, or one whose image is never pulled (`imagePullPolicy: Never`) or \
            that serves a `.localhost` or `.test` host, nor a sample to edit such as \
            `kubernetes-sample-config.yaml`): an `env:` entry's `value:`, or an entry of \
            a `kind: Secret`'s `data:` (base64 only encodes it) or `stringData:`, or a `literals:` item of a \
            kustomization's `secretGenerator:` (`- SECRET_KEY_BASE=…`), from which kustomize makes the Secret. \
            A `SECRET_KEY_BASE` there \
            shorter than the 64 bytes Plug's cookie store requires is a warning that says it is no working key.
            - The same in the `environment:` of a Compose service that runs the release (its `command:` starts \
            `bin/<release> start`, or it builds the project's image, whose own start is the release's) and serves \
            the public (it restarts on its own, publishes port 80 or 443, answers to a domain, by its `hostname:` or \
            the `PHX_HOST` it gives the app, routes through a \
            proxy's labels, or is a Swarm service, with no `localhost` address in its environment and no bind \
            mount of the source tree), in a Compose file not named for development, tests or CI \
            (`docker-compose.dev.yml`, `compose.override.yml`) whose services give `PHX_HOST` no domain reserved \
            for tests or private networks (`shop.test`, `shop.local`: a stack for tests); a value Compose takes \
            from its own environment \
            (`${SECRET_KEY_BASE}`) is not written there.
            - Any call of `System.get_env!/1`, in config or in `lib/`: the function does not exist.

            A key is secret-like when, split at `_` (or `-`, as Kubernetes names a Secret's keys: \
            `secret-key-base`), its last word is `password` (or ends with it: libpq's \
            `PGPASSWORD`), `passwd`, `pass`, `passphrase`, `keyphrase` or `ivphrase` (the `cipher` library's key and \
            IV), `secret`, `token`, `apikey`, `pat` (a personal access token) \
            or `signer` (Joken's `default_signer`, an HMAC key when given as a string), or its last two words are \
            `api_key`, \
            `private_key`, `access_key`, \
            `secret_key`, `encryption_key`, `signing_key`, `master_key`, `license_key` or `key_base`; a last word \
            `secret` after `kube`, `k8s` or `kubernetes` names a Kubernetes Secret (Tailscale's `TS_KUBE_SECRET`), \
            and so does `build_secret`, `registry_secret`, `tls_secret` … after one of them \
            (`KUBERNETES_BUILD_SECRET`), \
            not a value. Salts (`signing_salt`, \
            `encryption_salt`: Phoenix generates them as literals, they are not secret), `*_FILE` indirections \
            (`ENV SECRET_KEY_BASE_FILE=/run/secrets/…`), empty strings, `${VAR}` placeholders, a value that \
            spells its own name (`WEBHOOK_TOKEN: webhook-token`), values read with \
            `System.fetch_env!/1` or `System.get_env(…) || raise …` are fine. So is the `secret_key` of a token \
            module (Guardian, Joken) that production lets accept only public-key algorithms (`allowed_algos: \
            ["RS256"]`): its keys are a key pair or a JWKS, and a string signs nothing. So is a key of the app's own \
            config that nothing reads (no code or config reads it or names it; a function that reads whatever key \
            it is given, `def get_env!(key), do: Application.fetch_env!(:app, key)`, reads the keys the code \
            names, or any where the code makes atoms of text) or a setting of such a key that its code never takes (only `users[:length]` is read \
            beside `users: [admin: [password: …]]`), config of an app the build does not have (a misspelt \
            `config :shopp, Shop.Repo, …`: not the project's own, not in its mix.lock, not Erlang's or Elixir's), \
            the signing key of a module the project neither defines nor \
            mentions (`config :shop, Shop.Guardian, secret_key: …` left behind when the app moved to another \
            library, the `secret_key_base` of a `ShopWeb.Endpoint` in an app whose endpoint is `Shop.Endpoint`: \
            an API key or a password there still gives its service away), the login of a repo of the project's own \
            app in a project that talks to no database (`config :shop, Shop.Repo, password: …` left behind when the \
            repo and its adapter were removed), a \
            key added to an endpoint's config that Phoenix does not read and no code names (unless the value is \
            a vendor's credential, such as an AWS key pair or a live Stripe key, which works wherever it is read \
            from: committed, it leaks whether or not the app uses it, and whatever production replaces it with, \
            which the finding then says), and \
            so are `dev.exs`, `test.exs`, \
            config under `if config_env() in [:dev, :test]`, Dockerfiles of development, test and CI images \
            (`Dockerfile.dev`, `ci.Dockerfile`), images of companion services in subfolders that neither build \
            nor run Elixir nor start the project's release (a Grafana image), and a literal in `config.exs` that \
            production overrides or that \
            the runtime config, a release config provider, an operator's file the runtime config evaluates \
            (`Code.eval_file("/etc/app.exs")`; where the repository keeps its template, `config/app.exs.example`, \
            what the template sets), a runtime config the build writes from a secret (`echo \
            '${{ secrets.RELEASES_EXS }}' >> config/releases.exs`; likewise its template), `config` calls the \
            runtime config makes in a loop for apps it cannot name (`for {app, opts} <- Host.config(), do: \
            config(app, opts)`), a key a Conform schema maps (the release's `.conf` file sets it at boot, where \
            its `to:` says), the \
            sys.config kept on each host that edeliver links into the release (`LINK_SYS_CONFIG`) or \
            the app's own `Application.put_env` when it starts may replace, \
            a repo's `url` set there replacing its `password` \
            (it is then a development default, \
            like the literal `secret_key_base` Phoenix writes in `dev.exs`; not where only `config/releases.exs` sets \
            it again and the repository also serves production with Mix (a Procfile's `web: mix phx.server`, an \
            image that runs it in prod), unless an image builds with config files of its own: Mix never reads \
            it). So is a login under one of several \
            named services that production's config does not select (`minio: [secret_access_key: "test"]` beside \
            `amazon: […]` when `config :active_storage, :service, :amazon`). So is the login of a mailer of the \
            project (`use Bamboo.Mailer`, `use Swoosh.Mailer`) that no other module names: nothing delivers \
            through it. So is the `secret_key_base` of an \
            endpoint that signs nothing with it in production: no cookie session (`Plug.Session`), no LiveView \
            route, no `Phoenix.Token`, no signed or encrypted cookie, no code that reads the key (a JSON API), \
            and of an endpoint production never serves (`server: false` in prod config, mounted nowhere: one that \
            renders email templates) that nothing signs with outside a request (`Phoenix.Token`, code that reads the key). \
            A literal that dev and test share \
            (`config.exs`, or `runtime.exs` outside its prod block) is also left alone in a project that shows no \
            deployment (no Dockerfile, fly.toml, Procfile, Heroku \
            settings, manifests, release workflow or a build script that ships the release, and no public domain that \
            prod config serves, such as `url: [host: "shop.com"]`): it is then a demo's default, run on its \
            author's machine. \
            Nor is anything set before an `import_config` of a file the repository does not hold and no \
            production image copies in (the gitignored `prod.secret.exs` of the Phoenix 1.5 and older \
            generators), or that edeliver's build replaces with the build host's own (`ln -sfn … \
            '$BUILD_AT/config/prod.secret.exs'` in `.deliver/config`: the committed one is a stand-in; one it \
            copies from another file of the checkout, `cp '$BUILD_AT/config/prod.aws.exs' …`, is that file): loading \
            config fails without it, so whoever builds for production supplies it, and it \
            may set any key; what production ends with is then not known. A literal set after that import is \
            reported. What an environment of another name that production runs in ends with (`MIX_ENV=docker` in \
            the `environment:` of a Compose service that serves the public, with a `config/docker.exs`; an \
            image's own `ENV` is as often a local setup) is checked as production's too, and the message names it. Nor is a \
            setting of an endpoint or Ecto repo whose `init/2` callback puts another value of that key when \
            it starts, itself or through a module of the project it hands its config to (the older generators' \
            `load_from_system_env`, extended to read `SECRET_KEY_BASE`; a repo that drops its parts for \
            `DATABASE_URL`; `{:ok, MyApp.EnvConfig.override(System.get_env(), opts)}`). Nor is a \
            template's placeholder (`"{{ secret_key_base }}"` of an Ansible or Jinja template), \
            which holds no secret, nor a reference a config provider resolves from a secrets store at boot \
            (`"secret:/app/db_password"`, `ssm:/…`, an AWS Secrets Manager ARN, Google's \
            `projects/…/secrets/…`, 1Password's `op://…`).

            A committed `secret_key_base` (or `SECRET_KEY_BASE` in an image, a manifest or a script) of an app \
            that keeps nothing of its visitors in the session is information rather than an error: no sign-in (no \
            `put_session`, `configure_session` or `get_session`, no Pow, Guardian, Ueberauth or other \
            sign-in package, no `Plug.BasicAuth`) and nothing else signed with the key (no `Phoenix.Token`, no \
            signed or encrypted cookie, no code that reads the key), with its endpoints in sight. A forged cookie \
            then carries only a CSRF token; the message says it becomes a way to forge sessions the day the app \
            signs someone in.

            **Why it matters.** A literal secret is in the repository, in every clone, CI log and backup, and \
            the same value ships in every build: rotating it means a new release, and whoever can read the \
            code can sign sessions (`secret_key_base`) or call the API. A literal fallback is worse than none: \
            when the variable is missing in production the app boots with the committed key instead of \
            failing. A Docker `ENV`/`ARG` value is stored in the image, where `docker inspect` and \
            `docker history` show it to anyone who can pull the image. `System.get_env!/1` is a common typo: \
            Elixir has `System.fetch_env!/1`; the call raises `UndefinedFunctionError`, and in \
            `config/runtime.exs` the release crashes at boot.

            **Instead.** Read secrets at boot in `config/runtime.exs`, inside `if config_env() == :prod do`, \
            with `System.fetch_env!("NAME")` (or `System.get_env("NAME") || raise "…"`), and give the \
            variables to the container from the platform's secret store (`fly secrets set`, Kubernetes \
            secrets, Docker secrets). Development literals belong in `dev.exs` and `test.exs`.

            **Fix.** `System.get_env!` is renamed to `System.fetch_env!` (safe). A literal or a literal \
            fallback becomes `System.fetch_env!("NAME")` (not safe: the variable must be set where the app is \
            deployed). The variable is named after the key: an existing `System.get_env("NAME")` keeps its \
            name; `secret_key_base` reads `SECRET_KEY_BASE`; other keys are prefixed with what they belong to \
            (the enclosing key, else the config subject, a `…Repo` being `DATABASE`, else a dependency's app \
            name): `password` under `MyApp.Repo` reads `DATABASE_PASSWORD`, `api_key` under `:stripe` reads \
            `STRIPE_API_KEY`. In `runtime.exs` the value is replaced in place. In `prod.exs` (read at build \
            time, so an env read there would be baked into the release) the setting moves into the \
            `if config_env() == :prod do` block of `runtime.exs` (created with `import Config` when missing); \
            it is just removed when `runtime.exs` already sets it. In `config.exs`, where dev and test use the \
            literal too, a production override is added to `runtime.exs`. The runtime config is the one the \
            release reads with the Elixir it is built with (`releases.exs` on 1.9 and 1.10, or when there is no \
            `runtime.exs`); on an Elixir before 1.9 there is none, and nothing is moved. A Dockerfile secret has \
            no automatic fix: remove it and pass the value at runtime from the platform's secrets.""", """
            ```elixir
            # config/prod.exs
            config :my_app, MyAppWeb.Endpoint,
              secret_key_base: "p0BH3kq7…"

            # config/runtime.exs
            config :stripity_stripe, api_key: System.get_env("STRIPE_KEY") || "sk_test_…"
            config :my_app, MyApp.Repo, url: System.get_env!("DATABASE_URL")
            ```

            ```dockerfile
            ENV SECRET_KEY_BASE=p0BH3kq7…
            ```
            """, """
            ```elixir
            # config/runtime.exs
            if config_env() == :prod do
              config :my_app, MyAppWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
              config :stripity_stripe, api_key: System.fetch_env!("STRIPE_KEY")
              config :my_app, MyApp.Repo, url: System.fetch_env!("DATABASE_URL")
            end
            ```

            ```dockerfile
            # no secret in the image: `fly secrets set SECRET_KEY_BASE=…`, or the orchestrator's secrets
            ENV SECRET_KEY_BASE_FILE=/run/secrets/secret_key_base
            ```
            """, List.of(new RuleOption("secret_keys", "Extra key names to treat as secret-like, in config and in "
                    + "Dockerfile `ENV`/`ARG`, besides the built-in ones; compared whole and without regard to case, "
                    + "so `stripe_key` also covers `ENV STRIPE_KEY`.", "stripe_key")));

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        List<Finding> findings = new ArrayList<>();
        checkConfig(project, findings);
        checkGetEnvBang(project, findings);
        checkDockerfiles(project, findings);
        checkEnvScript(project, findings);
        checkBuildScript(project, findings);
        checkManifests(project, findings);
        return findings;
    }

    /** Whether a key or variable name is secret-like (see {@link SecretValues}). */
    static boolean isSecretName(String name) {
        return SecretValues.isSecretName(name);
    }

    // ---------------------------------------------------------------- config

    private void checkConfig(ProjectContext project, List<Finding> findings) {
        checkConfig(project, ConfigTimeline.prod(project), findings);
        // An environment of another name that production runs in (MIX_ENV=docker): what it ends with is production's.
        ProductionEnvironments.of(project).custom().forEach((env, evidence) -> {
            List<Finding> inEnvironment = new ArrayList<>();
            checkConfig(project, ConfigTimeline.forEnv(project, env), inEnvironment);
            for (Finding finding : inEnvironment) {
                if (findings.stream().anyMatch(other -> other.file().path().equals(finding.file().path())
                        && other.start() == finding.start())) {
                    continue; // reported already, as what prod ends with
                }
                // No fix: the ones offered write prod's runtime config, which this environment does not read.
                findings.add(new Finding(finding.rule(), finding.severity(), finding.file(), finding.start(),
                        finding.end(), finding.message() + " MIX_ENV=" + env + " ends with it, and production runs "
                        + "in that environment (" + evidence + ").", List.of(), finding.tags(), finding.related()));
            }
        });
    }

    /** The secrets the config of one environment ends with. */
    private void checkConfig(ProjectContext project, ConfigTimeline prod, List<Finding> findings) {
        SecretNames names = SecretNames.of(project, INFO);
        String[] candidateText = names.candidateText();
        Set<String> seen = new HashSet<>();
        ReleasedApps released = ReleasedApps.of(project);
        for (ConfigCall call : prod.calls()) {
            if (released.leftOut(call.app())) {
                continue; // an umbrella app no release ships: its config never reaches production
            }
            if (call.phase() == ConfigPhase.BUILD && prod.evaluatedAtBoot(call.file().path())) {
                continue; // a file the release evaluates at boot, imported by build-time config too: judged there
            }
            if (SecretValues.isPublicByDesign(call.app(), call.subject())) {
                continue; // a key the service ships to browsers, such as an error notifier's
            }
            List<ConfigEntry> entries = ConfigEntry.withMapPairs(call);
            if (!call.tree().mentions(call.call(), candidateText)
                    && entries.stream().noneMatch(entry -> entry.value().is("identifier"))) {
                continue; // no secret-like key, no URL, no variable that could hold one
            }
            Hit keyed = SecretValues.classifyKeyed(call, names, EnvCalls.of(project, call.file()));
            if (keyed != null && seen.add(call.file().path() + ":" + keyed.reported().startByte())) {
                reportKeyed(project, prod, call, keyed, findings);
            }
            for (ConfigEntry entry : entries) {
                Hit hit = SecretValues.classify(call, entry, names, EnvCalls.of(project, call.file()));
                if (hit != null && seen.add(call.file().path() + ":" + hit.reported().startByte())) {
                    report(project, prod, call, entry, hit, findings);
                } else if (hit == null && names.matches(entry.key())) {
                    reportUnreplacedPlaceholder(project, prod, call, entry, findings);
                }
            }
        }
        reportUrlsReadAsNames(project, prod, seen, findings);
    }

    /**
     * {@code System.get_env("postgresql://app:s3cret@db.example.com/app")}: the value pasted where the variable's name
     * goes. The password is committed with the file, and the read looks up a variable of that name, which nothing
     * sets: it returns nil.
     */
    private static void reportUrlsReadAsNames(ProjectContext project, ConfigTimeline prod, Set<String> seen,
                                              List<Finding> findings) {
        for (EnvRead read : prod.envReads()) {
            String name = read.variable();
            if (name == null || !SecretValues.isCredentialUrl(name) || read.applies() == Truth.FALSE) {
                continue;
            }
            List<Node> arguments = ElixirSyntax.arguments(read.call());
            Node argument = arguments.isEmpty() ? read.call() : arguments.get(0);
            SyntaxTree tree = read.file().tree();
            if (seen.add(read.file().path() + ":" + argument.startByte())) {
                findings.add(new Finding(INFO, INFO.defaultSeverity(), read.file(), tree.startOffset(argument),
                        tree.endOffset(argument), "The connection string itself, password included, is written where "
                        + "the read expects the name of a variable in "
                        + project.project().relativize(read.file().path()) + ": it is "
                        + "committed with the file, and no environment sets a variable of that name, so the read "
                        + "returns nil. Pass the variable's name (`System.get_env(\"DATABASE_URL\")`) and set the URL "
                        + "as a secret of the platform; rotate this password.", List.of()));
            }
        }
    }

    private static void report(ProjectContext project, ConfigTimeline prod, ConfigCall call, ConfigEntry entry, Hit hit,
                               List<Finding> findings) {
        if (call.subject() == null && entry.parent() == null && SecretValues.isPublicByDesign(call.app(), entry.key())) {
            return; // a key the service ships to browsers, such as an error notifier's
        }
        if (hit.placeholder() && ComposeServices.of(project).isPrivateDatabase(SecretValues.hostBeside(call.tree(), entry))) {
            return; // the default login of the stack's own database, which no port publishes: nothing outside reaches it
        }
        if (hit.placeholder() && SecretValues.disabledBeside(call.tree(), entry)) {
            return; // `enabled: false, password: "changeme"`: the example login of an integration that is off
        }
        if (hit.kind() == SecretValues.Kind.FALLBACK
                && (hit.literal() == null || SecretValues.credentialKind(hit.literal()) == null)
                && SecretValues.serverFallsBackToLoopback(call.tree(), entry)
                && !DeployModel.of(project).productionImages().isEmpty()) {
            // The login of a server on the container itself, where none runs: the pair serves development, and a
            // deployment that names its server but forgets the password fails to log in rather than runs with it.
            return;
        }
        if (hit.placeholder() && SecretValues.loopbackHostBeside(call.tree(), entry) && !serverSetLater(prod, call, entry)
                && !DeployModel.of(project).productionImages().isEmpty()) {
            // A default login for a server on the container itself (a local Grafana at localhost:3000), where none
            // runs: it serves development, and production fails to log in rather than runs with it.
            return;
        }
        if (hit.kind() == SecretValues.Kind.LITERAL && BrowserCode.of(project).ships(hit.literal())) {
            return; // the project's own page scripts carry the same value: every visitor's browser has it
        }
        // A vendor's credential (an AWS key pair, a live Stripe key) works wherever it is read from: committed, it leaks
        // whether or not this app's code uses the setting.
        boolean credential = hit.kind() == SecretValues.Kind.LITERAL && !hit.placeholder()
                && (SecretValues.credentialKind(hit.literal()) != null || SecretValues.besideAwsKeyId(call, entry));
        if (!credential && reachesNoCode(project, call, entry)) {
            return;
        }
        if (entry.parent() == null && ProjectModel.of(project).setAtInit(call.subject(), entry.key())) {
            return; // the endpoint's or repo's init/2 puts another value when it starts (`load_from_system_env`)
        }
        if (entry.parent() == null && entry.key().equals("secret_key") && onlyPublicKeyAlgorithms(prod, call)) {
            return; // a token module that verifies with RS256 and the like: a string is no key for them
        }
        if (prod.unseenConfigAfter(call) != null) {
            return; // config the model cannot read (a file not there) comes later and may set it: production's value is unknown
        }
        if (fallbackNeverTaken(project, prod, call, hit)) {
            return; // an earlier alternative reads a variable production cannot start without
        }
        if (ConfigAlternatives.unselected(prod, call, entry)) {
            return; // one of several named services, and production's config selects another
        }
        boolean shared = sharedWithDevOrTest(project, call);
        // A later setting that keeps this value when its variable is unset does not replace it.
        KeptSettings.Kept kept = entry.parent() == null ? KeptSettings.after(project, prod, call, entry.key()) : null;
        // Mix never reads releases.exs: where the app also starts with Mix, a value only that file sets again stands.
        // (Only where prod's timeline is the repository's config as checked out, which Mix reads, not an image's.)
        // A fallback is taken only where its variable is unset when Mix starts: judged as any other fallback.
        boolean mixKeeps = kept == null && hit.kind() != SecretValues.Kind.FALLBACK
                && DeployModel.of(project).servesProductionWithMix()
                && !ConfigTimeline.imagesRewriteConfig(project)
                && replacedOnlyInReleasesExs(project, prod, call, entry.keys().get(0));
        boolean overridden = kept == null && !mixKeeps && prod.setLater(call, call.subject(), entry.keys());
        boolean mayBeReplaced = !mixKeeps && (overridden || (kept == null
                ? mayBeReplacedLater(project, prod, call, entry.keys().get(0))
                : OperatorConfig.of(project).maySet(call.app(), call.subject(), entry.keys().get(0)))
                || AppEnvReads.of(project).putAtRuntime(call.app(),
                        call.subject() != null ? call.subject() : entry.keys().get(0)));
        // A development default that production replaces (or that its runtime config may replace), or one of a
        // demo that shows no deployment, is no production secret; a vendor's working credential leaks all the same.
        boolean devDefault = shared && (mayBeReplaced || !ProductionShown.of(project).shown());
        if (devDefault && !credential) {
            return;
        }
        if (overridden && !shared && hit.kind() == SecretValues.Kind.FALLBACK) {
            return; // a fallback production never keeps: a later call surely sets the key again
        }
        String where = describe(call, entry) + " in " + project.project().relativize(call.file().path());
        String message = devDefault ? where + " is " + credentialName(call, entry, hit) + ", committed with the "
                + "repository: whoever reads it can use it, whatever production runs with. Rotate it, and keep it out "
                + "of the repository."
                : kept != null ? keptMessage(project, where, hit, kept)
                : message(project, call, entry.key(), where, hit,
                        signingKey(project, call, entry.key(), entry.parent() == null),
                        mayBeReplaced, connectsElsewhere(call, entry));
        if (message == null) {
            return;
        }
        if (mixKeeps) {
            message += " config/releases.exs sets it again, but only a release reads that file, and this repository "
                    + "also serves production with Mix (`mix phx.server`), which runs with this value.";
        }
        boolean guardsNothing = guardsNothingYet(project, call, entry);
        if (guardsNothing) {
            message += GUARDS_NOTHING_YET;
        }
        Fix fix = !devDefault && kept == null && !mixKeeps && hit.fixable() && !hit.placeholder()
                ? fix(project, call, entry, hit, shared, overridden) : null;
        SyntaxTree tree = call.tree();
        findings.add(new Finding(INFO, guardsNothing ? Severity.INFO : INFO.defaultSeverity(), call.file(),
                tree.startOffset(hit.reported()), tree.endOffset(hit.reported()), message,
                fix == null ? List.of() : List.of(fix)));
    }

    /** Said of an endpoint key that guards nothing yet (see {@link EndpointSessions#keyGuardsNothing}). */
    private static final String GUARDS_NOTHING_YET = " Today that gives little away: the app keeps nothing of its "
            + "visitors in the session (no sign-in, no `put_session`) and signs nothing else with the key, so a forged "
            + "cookie carries only a CSRF token; it becomes a way to forge sessions the day the app signs someone in.";

    /** Whether the entry is the {@code secret_key_base} of a project endpoint whose key guards nothing yet. */
    private static boolean guardsNothingYet(ProjectContext project, ConfigCall call, ConfigEntry entry) {
        return isEndpointKeyBase(project, call, entry) && EndpointSessions.of(project).keyGuardsNothing(call.subject());
    }

    /**
     * A committed {@code *SECRET_KEY_BASE} variable (in an image, a manifest, a script) as information, said so, where
     * the project's endpoints are in sight and none of their keys guards anything yet; any other finding as it is.
     */
    private static Finding asKeyBaseFinding(ProjectContext project, String variable, Finding finding) {
        List<PhoenixApp.Endpoint> endpoints = ProjectModel.of(project).phoenix().endpoints();
        EndpointSessions sessions = EndpointSessions.of(project);
        if (finding.severity() != INFO.defaultSeverity()
                || !variable.toUpperCase(Locale.ROOT).endsWith("SECRET_KEY_BASE") || endpoints.isEmpty()
                || !endpoints.stream().allMatch(endpoint -> sessions.keyGuardsNothing(endpoint.module().name()))) {
            return finding;
        }
        return new Finding(finding.rule(), Severity.INFO, finding.file(), finding.start(), finding.end(),
                finding.message() + GUARDS_NOTHING_YET, finding.fixes(), finding.tags(), finding.related());
    }

    /** What a vendor's credential is, for messages: "a live Stripe secret key", an AWS secret beside its key id. */
    private static String credentialName(ConfigCall call, ConfigEntry entry, Hit hit) {
        String kind = SecretValues.credentialKind(hit.literal());
        return kind != null ? kind : SecretValues.besideAwsKeyId(call, entry)
                ? "an AWS secret access key beside its key id" : "a working credential";
    }

    /** Whether the setting reaches no code of production: nothing signs with it, or nothing reads it. */
    private static boolean reachesNoCode(ProjectContext project, ConfigCall call, ConfigEntry entry) {
        AppEnvReads code = AppEnvReads.of(project);
        return signsNothing(project, call, entry) // the key of an endpoint nothing signs with in production
                || code.configuresNoApp(call.app()) // config of an app the build has none of (a misspelt name)
                // a key of the app's own config that no code reads
                || call.subject() == null && entry.parent() == null && code.readByNothing(call.app(), entry.key())
                // the signing key of a module the project neither defines nor mentions (an endpoint's, where the
                // project has other endpoints: one whose module the model does not see may still read it)
                || entry.parent() == null && signsForItsModule(entry.key()) && !isEndpoint(project, call.subject())
                        && (!entry.key().equals("secret_key_base")
                            || !ProjectModel.of(project).phoenix().endpoints().isEmpty())
                        && code.moduleKeyReadByNothing(call.app(), call.subject())
                // a setting of a key whose code reads only other settings (`users: [admin: [password: …]]`)
                || code.settingReadByNothing(call.app(), call.subject(), entry.keys())
                // the login of a repo in a project that talks to no database: the repo was removed, its config left
                || isRepo(project, call.subject()) && talksToNoDatabase(project, call.app())
                // a key added to an endpoint's config that neither Phoenix nor the code reads
                || entry.parent() == null && isEndpoint(project, call.subject())
                        && code.endpointKeyReadByNothing(call.app(), entry.key())
                || mailerNothingDeliversThrough(project, call.subject());
    }

    /**
     * Whether the subject is a mailer of the project ({@code use Bamboo.Mailer}, {@code use Swoosh.Mailer}) that no
     * other module names: nothing delivers through it, so its login is never used.
     */
    private static boolean mailerNothingDeliversThrough(ProjectContext project, String subject) {
        ModuleIndex.Module mailer = subject == null ? null : ProjectModel.of(project).modules().find(subject);
        return mailer != null && (mailer.uses("Bamboo.Mailer", null) || mailer.uses("Swoosh.Mailer", null))
                && !ProjectModel.of(project).phoenix().namedByOtherModules(subject);
    }

    /**
     * A {@code "${SECRET_KEY_BASE}"} placeholder for a secret where nothing replaces it: only Distillery and exrm
     * releases (and a deployment that runs {@code envsubst}) fill such placeholders in at boot. Under Mix or Elixir's
     * own releases, production runs with the text itself, which anyone can read. Said only where the repository
     * shows which of the two runs: something builds Elixir's release, or a deployment starts the app with Mix.
     */
    private static void reportUnreplacedPlaceholder(ProjectContext project, ConfigTimeline prod, ConfigCall call,
                                                    ConfigEntry entry, List<Finding> findings) {
        SyntaxTree tree = call.tree();
        String variable = SecretValues.bootPlaceholder(tree, entry.value());
        ProjectFacts facts = ProjectFacts.of(project);
        // A Compose service that runs Mix in dev over the checkout never reads prod config: only a production start.
        boolean runsWithMix = !facts.releaseIsBuilt() && DeployModel.of(project).startsProductionWithMix();
        if (variable == null || facts.replacesBootPlaceholders() || !(facts.releaseIsBuilt() || runsWithMix)
                || prod.setLater(call, call.subject(), entry.keys())
                || mayBeReplacedLater(project, prod, call, entry.keys().get(0))) {
            return;
        }
        String runs = facts.releaseIsBuilt() ? "this project builds Elixir's own release" : "this project runs with Mix";
        String where = describe(call, entry) + " in " + project.project().relativize(call.file().path());
        findings.add(new Finding(INFO, INFO.defaultSeverity(), call.file(), tree.startOffset(entry.value()),
                tree.endOffset(entry.value()), where + " is the text `${" + variable + "}`: only Distillery and exrm "
                + "releases replace such placeholders at boot (REPLACE_OS_VARS), and " + runs + ", so production "
                + "runs with the text itself, which anyone can read. Read it with System.fetch_env!(\"" + variable
                + "\") in the config the app reads at boot.", List.of()));
    }

    /**
     * Whether production never reaches the literal a fallback ends with: the variable read before it is one without
     * which the same config stops ({@code System.get_env("ALIAS_SECRET") || System.get_env("SECRET_KEY_BASE") || "…"}
     * beside {@code System.get_env("SECRET_KEY_BASE") || raise "…"}), so a running app always has that variable and the
     * chain ends there. Only a read evaluated in the same phase counts: a build-time fallback stays in the release
     * whatever the boot requires.
     */
    private static boolean fallbackNeverTaken(ProjectContext project, ConfigTimeline prod, ConfigCall call, Hit hit) {
        if (hit.kind() != SecretValues.Kind.FALLBACK || hit.through() != null) {
            return false;
        }
        Set<String> required = prod.variablesRequiredAt(call.phase());
        if (required.isEmpty()) {
            return false;
        }
        if (hit.envName() != null && required.contains(hit.envName())) {
            return true;
        }
        Node chain = hit.reported();
        Node left = chain.is("binary_operator") ? chain.child("left") : null;
        return left != null && readsRequired(call.tree(), EnvCalls.of(project, call.file()), left, required);
    }

    /** Whether an alternative of an {@code ||} chain reads one of the variables. */
    private static boolean readsRequired(SyntaxTree tree, EnvCalls calls, Node node, Set<String> required) {
        Node operator = node.is("binary_operator") ? node.child("operator") : null;
        if (operator != null && "||".equals(tree.text(operator))) {
            return node.child("left") != null && readsRequired(tree, calls, node.child("left"), required)
                    || node.child("right") != null && readsRequired(tree, calls, node.child("right"), required);
        }
        return calls.readsVariable(node) && required.contains(calls.variableRead(node));
    }

    /** {@code config :app, :key, value}: the application's key set as a whole; reported without a fix. */
    private static void reportKeyed(ProjectContext project, ConfigTimeline prod, ConfigCall call, Hit hit,
                                    List<Finding> findings) {
        if (prod.unseenConfigAfter(call) != null) {
            return; // config the model cannot read (a file not there) comes later and may set it
        }
        if (fallbackNeverTaken(project, prod, call, hit)) {
            return; // an earlier alternative reads a variable production cannot start without
        }
        boolean shared = sharedWithDevOrTest(project, call);
        boolean mayBeReplaced = OperatorConfig.of(project).maySet(call.app(), call.subject(), null)
                || keySetLater(prod, call);
        if (shared && (mayBeReplaced || !ProductionShown.of(project).shown())) {
            return; // a development default production may replace, or a demo's
        }
        String where = "`" + call.subject() + "` of :" + call.app() + " in "
                + project.project().relativize(call.file().path());
        String message = message(project, call, call.subject(), where, hit, signingKey(project, call, call.subject(), false),
                mayBeReplaced, false);
        if (message != null) {
            SyntaxTree tree = call.tree();
            findings.add(new Finding(INFO, INFO.defaultSeverity(), call.file(), tree.startOffset(hit.reported()),
                    tree.endOffset(hit.reported()), message, List.of()));
        }
    }

    private static boolean sharedWithDevOrTest(ProjectContext project, ConfigCall call) {
        return ConfigTimeline.forEnv(project, "dev").includes(call)
                || ConfigTimeline.forEnv(project, "test").includes(call);
    }

    /** Whether a later call may set the application's key that {@code call} sets as a whole. */
    private static boolean keySetLater(ConfigTimeline prod, ConfigCall call) {
        boolean after = false;
        for (ConfigCall later : prod.calls()) {
            if (after && later.applies() != Truth.FALSE && later.app().equals(call.app())
                    && (call.subject().equals(later.subject())
                    || later.subject() == null && (later.value(call.subject()) != null || later.pairs().isEmpty()))) {
                return true;
            }
            after |= later == call;
        }
        return false;
    }

    /**
     * Whether the call is in a template that is filled in where the release is built: a {@code *.secret.exs} file,
     * the file of production secrets that the generators keep out of git, or a config file the project commits
     * although its {@code .gitignore} leaves it out ({@code /config/}, "so we can change them locally"). A placeholder
     * there stands for the value written in on the build host.
     */
    private static boolean fillInTemplate(ProjectContext project, ConfigCall call) {
        return call.file().path().getFileName().toString().endsWith(".secret.exs")
                || GitIgnore.of(project).leavesOut(project, call.file().path());
    }

    /**
     * Whether later prod config gives the login beside the entry another server: its {@code hostname:}, {@code host:}
     * or {@code url:} set again (prod.exs naming the cluster's database after config.exs's {@code localhost}).
     */
    private static boolean serverSetLater(ConfigTimeline prod, ConfigCall call, ConfigEntry entry) {
        List<String> parent = entry.keys().subList(0, entry.keys().size() - 1);
        for (String key : List.of("hostname", "host", "url")) {
            List<String> path = new ArrayList<>(parent);
            path.add(key);
            if (prod.setLater(call, call.subject(), path)) {
                return true;
            }
        }
        return false;
    }

    /** The message for a hit, or null when it is no finding: a placeholder production does not keep. */
    /**
     * @param connectsElsewhere whether the keyword list gives the server the login is for ({@code hostname:},
     *                          {@code url:}): a client's login, which a placeholder fails rather than opens
     */
    private static String message(ProjectContext project, ConfigCall call, String key, String where, Hit hit,
                                  boolean signingKey, boolean mayBeReplaced, boolean connectsElsewhere) {
        if (hit.placeholder() && hit.kind() == SecretValues.Kind.FALLBACK && signingKey) {
            return where + " falls back to the placeholder `" + hit.literal() + "` when "
                    + (hit.envName() == null ? "the variable" : hit.envName()) + " is unset: the app then signs with "
                    + "a value anyone can read instead of failing without its key.";
        }
        if (hit.placeholder() && hit.kind() == SecretValues.Kind.FALLBACK && !mayBeReplaced && !connectsElsewhere
                && placeholderProductionKeeps(project, call, key, hit)) {
            return where + " falls back to the placeholder `" + hit.literal() + "` when " + hit.envName() + " is "
                    + "unset, and no deployment of this repository sets " + hit.envName() + ": production runs with a "
                    + "value anyone can guess instead of failing at boot.";
        }
        if (hit.placeholder() && (hit.kind() == SecretValues.Kind.FALLBACK || mayBeReplaced)) {
            return null; // a test or default value in place of the secret: nothing is leaked
        }
        if (!signingKey && SecretValues.saysUnneeded(hit.literal())) {
            return null; // `api_key: "doesntmatter"`: the service takes no secret, so production lacks none
        }
        if (hit.placeholder() && hit.kind() != SecretValues.Kind.DEFAULT_LOGIN && fillInTemplate(project, call)) {
            return null; // the template of the secrets file the build host fills in
        }
        if (hit.placeholder() && !ProductionShown.of(project).shown()) {
            return null; // no leak, and nothing shows a production that would run with it: a demo's default
        }
        if (hit.placeholder()) {
            return where + (hit.kind() == SecretValues.Kind.DEFAULT_LOGIN
                    ? " is the default login `" + hit.literal() + "` (the user name too)"
                    : " is the placeholder `" + hit.literal() + "`") + ", and nothing "
                    + "replaces it for production: the app runs with a value anyone can read instead of a real "
                    + "secret.";
        }
        String variable = hit.envName() == null ? "the variable" : hit.envName();
        String testMode = SecretValues.testModeKeyKind(hit.literal());
        if (testMode != null && hit.kind() == SecretValues.Kind.FALLBACK && hit.through() == null) {
            return where + " falls back to " + testMode + " when " + variable + " is unset: production then runs "
                    + "against the test mode, where no payment is real, instead of failing at boot.";
        }
        if (testMode != null && hit.kind() == SecretValues.Kind.LITERAL) {
            // The key reaches test data only: what matters is a production that runs with it.
            return ProductionShown.of(project).shown() && !mayBeReplaced
                    ? where + " is " + testMode + ", and nothing replaces it for production: the app runs against "
                      + "the test mode, where no payment is real, instead of with the live key."
                    : null;
        }
        return switch (hit.kind()) {
            case LITERAL -> where + " is " + (hit.reported().is("binary_operator")
                    ? "a literal joined with the Mix environment, as fixed as the literal" : literalAs(hit.literal()))
                    + ", so the production secret lives in the source tree and ships with every build.";
            case URL -> where + " is a literal URL with an inline password, so the production credentials "
                    + "live in the source tree and ship with every build.";
            case FALLBACK -> hit.through() != null
                    ? where + " falls back to a literal value: `" + hit.through() + "` returns it when what it reads is "
                      + "missing, so production runs with a committed secret wherever that is so instead of failing "
                      + "at boot."
                    : call.phase() == ConfigPhase.BUILD && ProjectFacts.of(project).releaseIsBuilt()
                    ? where + " falls back to a literal value when " + variable + " is unset where the release is "
                      + "built, and " + (mayBeReplaced ? "nothing is sure to set it again at boot: unless the build "
                      + "sets " + variable + ", production may run" : "the runtime config does not set it again: "
                      + "unless the build sets " + variable + ", production runs") + " with a committed secret."
                    : where + " falls back to a literal value when " + variable
                      + " is unset, so production runs with a committed secret instead of failing at boot.";
            case DEFAULT_LOGIN -> throw new IllegalStateException("a default login is reported as a placeholder");
        };
    }

    /**
     * Whether production runs with a placeholder a read falls back to, as the password of the app's own login: the
     * read happens at boot (runtime config, or config a Mix deployment evaluates when it starts), no deployment of the
     * repository names its variable, and the key is a password of the app's own settings ({@code :admin_password},
     * {@code :basic_auth}'s {@code password}). A client's settings under a module ({@code Shop.Repo},
     * {@code Shop.Mailer}), or beside the server they are for ({@code hostname:}), log in elsewhere, where a
     * placeholder fails to connect rather than opens the app.
     */
    private static boolean placeholderProductionKeeps(ProjectContext project, ConfigCall call, String key, Hit hit) {
        boolean readAtBoot = call.phase() == ConfigPhase.RUNTIME || !ProjectFacts.of(project).releaseIsBuilt();
        boolean ownSetting = call.subject() == null || !Character.isUpperCase(call.subject().charAt(0));
        boolean password = key != null && PASSWORD.matcher(key).find();
        return readAtBoot && hit.envName() != null && ownSetting && password && ProductionShown.of(project).shown()
                && !DeploymentVariables.of(project).mayBeSet(hit.envName());
    }

    /** Keys that name the server a login is for. */
    private static final Set<String> SERVER_KEYS = Set.of("host", "hostname", "url", "uri", "database", "port", "server",
            "relay", "endpoint");

    /** Whether the entry's keyword list names the server its login is for ({@code metadb: [hostname: …, password: …]}). */
    private static boolean connectsElsewhere(ConfigCall call, ConfigEntry entry) {
        return SecretValues.pairBeside(call.tree(), entry, SERVER_KEYS) != null;
    }

    /** A value that a later setting keeps when its variable is unset (see {@link KeptSettings}). */
    private static String keptMessage(ProjectContext project, String where, Hit hit, KeptSettings.Kept kept) {
        String value = hit.placeholder() ? " is the placeholder `" + hit.literal() + "`"
                : hit.kind() == SecretValues.Kind.FALLBACK ? " falls back to a literal value" : " is a literal value";
        String later = project.project().relativize(kept.call().file().path());
        String keeps = kept.how() == KeptSettings.How.NIL_DROPPED
                ? later + " keeps it when " + kept.variable() + " is unset (the nil the read yields is dropped before "
                  + "`config`): production then runs with"
                : kept.variable() != null
                ? later + " reads it back as the fallback for an unset " + kept.variable() + ": production then runs with"
                : later + " reads it back as the fallback of the value it sets there: where that fallback is taken, "
                  + "production runs with";
        return where + value + ", and " + keeps + " "
                + (hit.placeholder() ? "a value anyone can read" : "the committed secret") + " instead of failing at boot.";
    }

    /**
     * Whether the key signs what the app hands out: an endpoint's {@code secret_key_base}, a Guardian module's
     * {@code secret_key}, a secret named for signing ({@code token_signing_secret}, {@code signing_key}) or for the
     * JSON Web Tokens it signs ({@code jwt_secret}: an HMAC key, as a string).
     */
    private static boolean signingKey(ProjectContext project, ConfigCall call, String key, boolean topLevel) {
        List<String> words = List.of(key.toLowerCase(Locale.ROOT).split("_"));
        if (key.equals("secret_key_base") || words.contains("signing") || words.contains("jwt")) {
            return true;
        }
        ModuleIndex.Module module = topLevel && key.equals("secret_key") && call.subject() != null
                ? ProjectModel.of(project).modules().find(call.subject()) : null;
        return module != null && module.uses("Guardian", null);
    }

    /**
     * Whether a key only signs what its module hands out ({@code secret_key} of a token module, an endpoint's
     * {@code secret_key_base}, a {@code signing_salt}, {@code token_signing_secret}): unlike an API key or a password,
     * it gives nothing away where no code signs with it.
     */
    private static boolean signsForItsModule(String key) {
        List<String> words = List.of(key.split("_"));
        return key.equals("secret_key") || key.equals("secret_key_base") || words.contains("signing")
                || words.contains("salt");
    }

    /**
     * Whether the entry is the {@code secret_key_base} of a project endpoint with nothing to sign in production: no
     * cookie session, LiveView route, {@code Phoenix.Token} or other use of the key (see {@link EndpointSessions});
     * for an endpoint production never serves, only what signs without a request counts.
     */
    private static boolean signsNothing(ProjectContext project, ConfigCall call, ConfigEntry entry) {
        if (!isEndpointKeyBase(project, call, entry)) {
            return false;
        }
        EndpointSessions sessions = EndpointSessions.of(project);
        if (EndpointNotServedRule.neverServed(project, ConfigTimeline.prod(project),
                new EndpointNotServedRule.Endpoint(call.app(), call.subject()))) {
            return !sessions.signsOutsideRequests(call.subject()); // no request, so no session or LiveView to sign
        }
        return !sessions.signsWithSecretKeyBase(call.subject());
    }

    /** Whether the entry is the {@code secret_key_base} of one of the project's Phoenix endpoints. */
    private static boolean isEndpointKeyBase(ProjectContext project, ConfigCall call, ConfigEntry entry) {
        return entry.parent() == null && entry.key().equals("secret_key_base") && isEndpoint(project, call.subject());
    }

    /** Whether the subject is one of the project's Phoenix endpoints. */
    private static boolean isEndpoint(ProjectContext project, String subject) {
        return ProjectModel.of(project).phoenix().endpoint(subject) != null;
    }

    /**
     * Whether production configures the call's subject (a Guardian or Joken token module) to accept only public-key
     * algorithms ({@code allowed_algos: ["RS256"]}): its keys are a key pair or a JWKS fetched at run time, and a
     * string {@code secret_key} signs and verifies nothing.
     */
    private static boolean onlyPublicKeyAlgorithms(ConfigTimeline prod, ConfigCall call) {
        ConfigValue algos = call.subject() == null ? ConfigValue.UNSET
                : prod.effective(call.app(), call.subject(), "allowed_algos");
        if (!algos.isSet() || !algos.value().is("list") || algos.value().namedChildren().isEmpty()) {
            return false;
        }
        for (Node item : algos.value().namedChildren()) {
            String algorithm = ElixirSyntax.stringLiteral(algos.call().tree(), item);
            if (algorithm == null || !algorithm.matches("(RS|PS|ES)\\d{3}|EdDSA|Ed25519|Ed448")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a later config call may set the entry under a condition the model cannot decide or through an
     * expression it cannot read, or a config provider of the release, or a file outside the repository that the
     * runtime config loads, may replace config at boot.
     */
    /**
     * Whether every later call that may set the key again is in {@code config/releases.exs}, which only a release
     * evaluates (and nothing else, such as config an operator loads at boot, may set it).
     */
    private static boolean replacedOnlyInReleasesExs(ProjectContext project, ConfigTimeline prod, ConfigCall call,
                                                     String key) {
        if (OperatorConfig.of(project).maySet(call.app(), call.subject(), key)) {
            return false;
        }
        List<ConfigCall> settings = laterSettings(project, prod, call, key);
        return !settings.isEmpty() && settings.stream()
                .allMatch(later -> later.file().path().getFileName().toString().equals("releases.exs"));
    }

    private static boolean mayBeReplacedLater(ProjectContext project, ConfigTimeline prod, ConfigCall call,
                                              String key) {
        OperatorConfig operator = OperatorConfig.of(project);
        boolean urlReplaces = urlReplaces(project, call, key);
        if (operator.maySet(call.app(), call.subject(), key)
                || urlReplaces && operator.maySet(call.app(), call.subject(), "url")) {
            return true;
        }
        if (urlReplaces && prod.effective(call.app(), call.subject(), "url").isSet()) {
            return true; // Ecto takes the URL's credentials over the options, wherever the URL is set
        }
        return !laterSettings(project, prod, call, key).isEmpty();
    }

    /**
     * The calls after {@code call} in the timeline that may set {@code key} of its subject again, in order: they set the
     * key, the whole subject (no pairs), or, for a repo's password, its {@code url}.
     */
    private static List<ConfigCall> laterSettings(ProjectContext project, ConfigTimeline prod, ConfigCall call,
                                                  String key) {
        boolean urlReplaces = urlReplaces(project, call, key);
        List<ConfigCall> settings = new ArrayList<>();
        boolean after = false;
        for (ConfigCall later : prod.calls()) {
            if (after && later.applies() != Truth.FALSE && later.app().equals(call.app())
                    && Objects.equals(later.subject(), call.subject())
                    && (later.value(key) != null || later.pairs().isEmpty()
                        || urlReplaces && later.value("url") != null)) {
                settings.add(later);
            }
            after |= later == call;
        }
        return settings;
    }

    /** Whether a {@code url} replaces the key: the password of an Ecto repo, whose URL's credentials win. */
    private static boolean urlReplaces(ProjectContext project, ConfigCall call, String key) {
        return key.equals("password") && isRepo(project, call.subject());
    }

    /**
     * Whether the subject is an Ecto repo of the project: Ecto takes the credentials of its {@code url} over the
     * {@code password} option, so a url set later may replace a literal password.
     */
    private static boolean isRepo(ProjectContext project, String subject) {
        EctoRepos repos = ProjectModel.of(project).repos();
        return subject != null && (repos.configured().contains(subject)
                || repos.defines(subject)
                || subject.endsWith(".Repo"));
    }

    /**
     * Whether the project surely talks to no database through {@code app}, one of its own apps (a dependency's repo
     * is defined out of sight): its code is in sight, and it has no repo it could connect through (no
     * {@code use Ecto.Repo}, or no adapter among dependencies known in full).
     */
    private static boolean talksToNoDatabase(ProjectContext project, String app) {
        ProjectModel model = ProjectModel.of(project);
        return !model.modules().isEmpty() && !model.repos().usesDatabase()
                && model.mixfiles().stream().anyMatch(mix -> app.equals(mix.appName()));
    }

    /** "`password` for Shop.Repo", "`api_key` for :stripe", "`secret` in :shop". */
    private static String describe(ConfigCall call, ConfigEntry entry) {
        String key = "`" + entry.key() + "`";
        if (entry.parent() != null) {
            return key + " under `" + entry.parent().key() + "`";
        }
        if (call.subject() != null) {
            String subject = Character.isUpperCase(call.subject().charAt(0)) ? call.subject() : ":" + call.subject();
            return key + " for " + subject;
        }
        return key + " of :" + call.app();
    }

    // ---------------------------------------------------------------- config fixes

    private static Fix fix(ProjectContext project, ConfigCall call, ConfigEntry entry, Hit hit, boolean shared,
                           boolean overridden) {
        DocumentSnapshot file = call.file();
        String env = hit.envName() != null ? hit.envName() : SecretValues.envName(project.project(), call, entry);
        String read = "System.fetch_env!(\"" + env + "\")";
        if (call.phase() == ConfigPhase.RUNTIME) {
            return new Fix("Read " + env + " with System.fetch_env!/1", false,
                    List.of(ConfigEdits.replaceValue(file, hit.replaced(), read)));
        }
        if (hit.viaVariable() || !call.pairsInline()) {
            return null; // the variable may feed other settings; moving it is a person's call
        }
        if (overridden) {
            // Production never sees this value: a later setting replaces it.
            List<Fix.Edit> removal = ConfigEdits.removeSetting(call, entry);
            return removal == null ? null : new Fix("Remove the literal `" + entry.key() + "` from "
                    + project.project().relativize(file.path()) + " (a later setting replaces it in production)", true,
                    List.copyOf(removal));
        }
        RuntimeConfig runtime = RuntimeConfig.release(project);
        if (runtime == null) {
            return null;
        }
        List<Fix.Change> changes = new ArrayList<>();
        String code;
        String title;
        if (shared) {
            code = ConfigEdits.settingCode(call, entry, read);
            title = "Set `" + entry.key() + "` from " + env + " in config/" + runtime.name()
                    + " for production (dev and test keep the literal)";
        } else {
            title = "Move `" + entry.key() + "` to config/" + runtime.name() + " and read " + env
                    + " with System.fetch_env!/1";
            boolean wholeCall = entry.parent() == null && call.pairs().size() == 1;
            ConfigEdits.Moved moved = wholeCall ? ConfigEdits.move(file, call.call(), hit.replaced(), read) : null;
            if (moved != null) {
                code = moved.code();
                changes.add(moved.removal());
            } else {
                List<Fix.Edit> removal = ConfigEdits.removeSetting(call, entry);
                if (removal == null) {
                    return null;
                }
                changes.addAll(removal);
                code = ConfigEdits.settingCode(call, entry, read);
            }
        }
        Fix.Change insertion = ConfigEdits.insertIntoProdBlock(runtime, code);
        if (insertion == null) {
            return null;
        }
        changes.add(insertion);
        return new Fix(title, false, changes);
    }

    // ---------------------------------------------------------------- System.get_env!

    private void checkGetEnvBang(ProjectContext project, List<Finding> findings) {
        RemoteCalls calls = RemoteCalls.of(project);
        List<RemoteCalls.Call> found = new ArrayList<>(calls.find(FileRole.CONFIG, "System", "get_env!"));
        found.addAll(calls.find(FileRole.ELIXIR_SOURCE, "System", "get_env!"));
        for (RemoteCalls.Call call : found) {
            DocumentSnapshot file = call.file();
            SyntaxTree tree = call.tree();
            String name = project.project().relativize(file.path());
            String fileName = file.path().getFileName().toString();
            boolean runtime = fileName.equals(RuntimeConfig.RUNTIME_EXS) || fileName.equals(RuntimeConfig.RELEASES_EXS);
            String consequence = !name.endsWith(".exs")
                    ? "the compiler only warns about it, and the call raises UndefinedFunctionError when it runs."
                    : runtime
                    ? "evaluating " + name + " raises UndefinedFunctionError, so the release crashes at boot."
                    : "loading " + name + " raises UndefinedFunctionError, so Mix fails before it compiles anything.";
            Node target = call.node().child("target");
            Node function = target.child("right");
            List<Fix> fixes = call.arguments().size() <= 1
                    ? List.of(new Fix("Use System.fetch_env!/1", true, List.of(new Fix.Edit(file,
                    tree.startOffset(function), tree.endOffset(function), "fetch_env!"))))
                    : List.of();
            findings.add(new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(target),
                    tree.endOffset(target), "System.get_env!/1 does not exist (Elixir has System.fetch_env!/1): "
                    + consequence, fixes));
        }
    }

    // ---------------------------------------------------------------- Dockerfiles

    private void checkDockerfiles(ProjectContext project, List<Finding> findings) {
        SecretNames names = SecretNames.of(project, INFO);
        DeployModel deploy = DeployModel.of(project);
        for (DockerImage image : deploy.productionImages()) {
            DocumentSnapshot file = image.file();
            if (!file.isParsed() || !deploy.isAppImage(image)) {
                continue; // a companion service's image (Grafana, a proxy) keeps its own defaults
            }
            List<Instruction> instructions = new ArrayList<>(image.dockerfile().globalArgs());
            Set<Instruction> runtime = new HashSet<>();
            for (Stage stage : image.dockerfile().stages()) {
                instructions.addAll(stage.instructions());
            }
            if (image.finalStage() != null) {
                image.chain(image.finalStage()).forEach(stage -> runtime.addAll(stage.instructions()));
            }
            // An image that builds a release and has no CMD or ENTRYPOINT of its own is a build environment whose
            // release is taken out: a placeholder in it stands in for nothing at run time. (One that builds none is
            // given its command where it runs, by a manifest.)
            Launch launch = deploy.launch(image);
            boolean starts = !image.buildsRelease()
                    || launch != null && (launch.cmd() != null || launch.entrypoint() != null);
            String name = project.project().relativize(file.path());
            List<Written> written = new ArrayList<>();
            for (Instruction instruction : instructions) {
                Deadline.check();
                List<Instruction.Setting> settings = instruction.settings();
                for (int v = 0; v < settings.size(); v++) {
                    // Asked of the setting, read once for the instruction's text; only a hit is located (its nodes
                    // moved), of the thousands of ENVs a long Dockerfile can have.
                    Instruction.Setting setting = settings.get(v);
                    String value = setting.value();
                    if (value == null || value.isBlank() || value.contains("$") || SecretValues.isPublicKey(value)) {
                        continue;
                    }
                    boolean secret = names.matches(setting.name());
                    if (!secret && !SecretValues.isCredentialUrl(value) && SecretValues.credentialKind(value) == null) {
                        continue;
                    }
                    Instruction.Variable variable = instruction.variables().get(v);
                    if (variable.nameNode() == null || variable.valueNode() == null) {
                        continue;
                    }
                    SyntaxTree tree = file.tree();
                    if (secret && !runtime.contains(instruction) && fillsInForNonSecret(names, settings, value)) {
                        continue; // ENV DASHBOARD_USER=build DASHBOARD_PASS=build: filler the build compiles with
                    }
                    if (secret && SecretValues.isKeyBaseStandIn(setting.name(), value)) {
                        // A dummy for the build (compilation reads the variable) leaks nothing; one the running
                        // image keeps stands in for the real secret when the platform does not set it.
                        VariableUse use = instruction.is("ENV") && runtime.contains(instruction) && starts
                                ? VariableUse.atBoot(project, setting.name(), ProjectFacts.of(project).releaseIsBuilt())
                                : VariableUse.UNREAD;
                        if (use != VariableUse.UNREAD) {
                            written.add(new Written(setting, true, new Finding(INFO, Severity.WARNING, file,
                                    tree.startOffset(variable.nameNode()), tree.endOffset(variable.valueNode()),
                                    keptPlaceholder(name, setting.name(), value, use), List.of())));
                        }
                        continue;
                    }
                    String what = secret ? literalAs(value) : committedAs(value);
                    String message = instruction.is("ENV") && runtime.contains(instruction)
                            ? "ENV " + variable.name() + " in " + name + " is " + what + ", baked into the image where "
                              + "`docker inspect` shows it to anyone who can pull it; pass it at runtime from the "
                              + "platform's secrets instead."
                            : instruction.is("ENV")
                            ? "ENV " + variable.name() + " in " + name + " is " + what + " in a build stage: it is "
                              + "committed with the Dockerfile, and what the build's config reads of it goes into the "
                              + "release; pass it at runtime from the platform's secrets instead."
                            : "ARG " + variable.name() + " in " + name + " has " + what + " as its default, committed "
                              + "with the Dockerfile and recorded in the image's build history; pass it at runtime "
                              + "from the platform's secrets instead.";
                    written.add(new Written(setting, runtime.contains(instruction), asKeyBaseFinding(project,
                            setting.name(), new Finding(INFO, INFO.defaultSeverity(), file,
                                    tree.startOffset(variable.nameNode()), tree.endOffset(variable.valueNode()),
                                    message, List.of()))));
                }
            }
            // The same value set in a build stage and in the running image is one secret, reported where it ships.
            Set<Instruction.Setting> shipped = new HashSet<>();
            written.stream().filter(Written::running).forEach(w -> shipped.add(w.setting()));
            Set<Instruction.Setting> reported = new HashSet<>();
            for (Written w : written) {
                if ((w.running() || !shipped.contains(w.setting())) && reported.add(w.setting())) {
                    findings.add(w.finding());
                }
            }
        }
    }

    /**
     * Whether the instruction gives the same value to a setting that is no secret too: in a build stage, a value
     * written in for every variable the compilation needs (a user name and its password alike) is filler, as a
     * keyword list's is in config.
     */
    private static boolean fillsInForNonSecret(SecretNames names, List<Instruction.Setting> settings, String value) {
        return SecretValues.credentialKind(value) == null && !SecretValues.isCredentialUrl(value)
                && settings.stream().anyMatch(other -> value.equals(other.value()) && !names.matches(other.name()));
    }

    /** What a placeholder the running image keeps does to a deployment that does not set the variable itself. */
    private static String keptPlaceholder(String dockerfile, String variable, String value, VariableUse use) {
        String kept = "ENV " + variable + " in " + dockerfile + " is the placeholder `" + value + "`, and the running "
                + "image keeps it: a deployment that does not set " + variable;
        if (use == VariableUse.OPTIONAL) {
            return kept + " runs with it instead of a real value; set it only in the build stage that needs it.";
        }
        // Plug's cookie store raises on a shorter key, so such a deployment does fail, later and less clearly.
        String tooShort = SecretValues.tooShortForKeyBase(variable, value)
                ? ", and then fails every request that uses the session (Plug's cookie store refuses a "
                  + "secret_key_base under 64 bytes)" : "";
        return kept + " starts with it instead of failing at boot" + tooShort + "; set it only in the build stage "
                + "that needs it.";
    }

    /** A secret an ENV or ARG writes, and whether the running image is built from its stage. */
    private record Written(Instruction.Setting setting, boolean running, Finding finding) {
    }

    // ---------------------------------------------------------------- rel/env.sh.eex

    /**
     * Whether a value written in a script or manifest is a secret: a literal (no variable read in it) of a
     * secret-like name that is not a placeholder or a public key, or a URL with an inline password.
     */
    private static boolean committedSecret(SecretNames names, String name, String value) {
        boolean literal = !value.contains("$") && !value.contains("`");
        return literal && names.matches(name) && SecretValues.isMeaningful(value) && !SecretValues.isPlaceholderFor(name, value)
                || SecretValues.isCredentialUrl(value) || literal && SecretValues.credentialKind(value) != null;
    }

    /** How a committed secret is written, for messages: a vendor's credential by its name ("a Google API key"). */
    private static String committedAs(String value) {
        return SecretValues.credentialKind(value) == null && SecretValues.isCredentialUrl(value)
                ? "a URL with an inline password" : literalAs(value);
    }

    /** A literal secret, for messages: "a literal value", or a vendor's credential by its name. */
    private static String literalAs(String value) {
        String kind = SecretValues.credentialKind(value);
        return kind != null ? kind + " written as a literal" : "a literal value";
    }

    private void checkEnvScript(ProjectContext project, List<Finding> findings) {
        ScriptFile envScript = DeployModel.of(project).envScript();
        if (envScript == null) {
            return;
        }
        SecretNames names = SecretNames.of(project, INFO);
        for (AssemblyTimeValues.Value value : AssemblyTimeValues.of(project).values()) {
            String replaces = value.overridesEnvironment() ? "; the export also replaces the " + value.name()
                    + " the platform sets" : "";
            if (value.generated() && names.matches(value.name())) {
                findings.add(new Finding(INFO, INFO.defaultSeverity(), envScript.file(), value.start(), value.end(),
                        value.name() + " in rel/env.sh.eex is generated when `mix release` assembles the release, not "
                        + "when it starts: every copy of the release and every container of its image share it, and "
                        + "whoever holds one reads it in releases/<version>/env.sh" + replaces
                        + ". Take it from each installation's environment instead.", List.of()));
            } else if (!value.generated() && committedSecret(names, value.name(), value.value())) {
                findings.add(asKeyBaseFinding(project, value.name(), new Finding(INFO, INFO.defaultSeverity(),
                        envScript.file(), value.start(), value.end(), value.name() + " in rel/env.sh.eex is "
                        + committedAs(value.value()) + ": it is committed with the template, and every copy of the "
                        + "release carries it in releases/<version>/env.sh" + replaces + ". Take it from each "
                        + "installation's environment instead.", List.of())));
            }
        }
    }

    // ---------------------------------------------------------------- the project's release build script

    /**
     * A secret-like variable that the project's build script sets to a literal for its {@code mix release}
     * ({@code SECRET_KEY_BASE=Rxq… MIX_ENV=prod mix release}) where config the build evaluates reads it: the secret
     * is committed with the script and baked into every release it builds.
     */
    private void checkBuildScript(ProjectContext project, List<Finding> findings) {
        BuildScripts scripts = BuildScripts.of(project);
        SimpleCommand command = scripts.releaseCommand();
        DocumentSnapshot script = scripts.releaseScript();
        if (command == null || script == null || command.assignments().isEmpty()) {
            return;
        }
        SecretNames names = SecretNames.of(project, INFO);
        String text = script.text().text();
        for (Map.Entry<String, String> assignment : command.assignments().entrySet()) {
            String name = assignment.getKey();
            EnvRead read = ConfigTimeline.prod(project).envReads().stream()
                    .filter(candidate -> candidate.phase() == ConfigPhase.BUILD && name.equals(candidate.variable()))
                    .findFirst().orElse(null);
            int start = text.indexOf(name + "=", command.start());
            if (read == null || !committedSecret(names, name, assignment.getValue()) || start < 0
                    || start >= command.end()) {
                continue;
            }
            int end = start;
            while (end < command.end() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            findings.add(asKeyBaseFinding(project, name, new Finding(INFO, INFO.defaultSeverity(), script, start, end,
                    name + " in " + project.project().relativize(script.path()) + " is "
                    + committedAs(assignment.getValue()) + " that `mix release` is built with, and "
                    + project.project().relativize(read.file().path()) + " reads it while the release is built: the "
                    + "production secret is committed with the script and baked into every release it builds. Give "
                    + "the build the secret from a secret store, or read it when the release boots instead.",
                    List.of())));
        }
    }

    // ---------------------------------------------------------------- Kubernetes manifests

    private void checkManifests(ProjectContext project, List<Finding> findings) {
        SecretNames names = SecretNames.of(project, INFO);
        for (ManifestEnvironment.Variable variable : ManifestEnvironment.of(project).variables()) {
            if (committedSecret(names, variable.name(), variable.value())) {
                findings.add(manifestFinding(project, variable.file(), variable.start(), variable.end(),
                        variable.name(), variable.value(),
                        variable.name() + " in " + project.project().relativize(variable.file().path()),
                        "committed with the manifest",
                        ": whoever reads the repository has it. Keep it in a Secret made outside the repository and "
                                + "take it with `valueFrom.secretKeyRef`.",
                        "Keep one from `mix phx.gen.secret` in a Secret made outside the repository and take it with "
                                + "`valueFrom.secretKeyRef`."));
            }
        }
        for (ComposeServices.Variable variable : ComposeServices.of(project).releaseEnvironment()) {
            if (committedSecret(names, variable.name(), variable.value())) {
                findings.add(manifestFinding(project, variable.file(), variable.start(), variable.end(),
                        variable.name(), variable.value(),
                        variable.name() + " in " + project.project().relativize(variable.file().path()),
                        "committed with the Compose file that runs the release",
                        ": whoever reads the repository has it. Take it from the environment Compose runs in "
                                + "(`" + variable.name() + ": ${" + variable.name() + "}`, or an `env_file:` kept out of "
                                + "the repository) and rotate this one.",
                        "Take one from `mix phx.gen.secret` from the environment Compose runs in (`"
                                + variable.name() + ": ${" + variable.name() + "}`)."));
            }
        }
        for (ManifestSecrets.Entry entry : ManifestSecrets.of(project).entries()) {
            if (committedSecret(names, entry.name(), entry.value())) {
                findings.add(manifestFinding(project, entry.file(), entry.start(), entry.end(), entry.name(),
                        entry.value(),
                        entry.name() + (entry.generated() ? " in the secretGenerator of " : " in the Secret ")
                                + project.project().relativize(entry.file().path()),
                        "committed with the repository",
                        (entry.generated() ? ", from which kustomize makes the Secret" : " (base64 encodes it, it hides "
                                + "nothing)") + ". Create the Secret outside the repository (`kubectl create secret`, a "
                                + "sealed or external secret) and rotate this one.",
                        "Create the Secret outside the repository (`kubectl create secret`) with one from "
                                + "`mix phx.gen.secret`."));
            }
        }
    }

    /**
     * A secret a manifest commits: a leak, or, for a SECRET_KEY_BASE too short to be one, no working key (a warning).
     *
     * @param leaked what follows {@code committed} for a leaked value: why it matters and what to do
     */
    private static Finding manifestFinding(ProjectContext project, DocumentSnapshot file, int start, int end,
                                           String name, String value, String where, String committed, String leaked,
                                           String tooShortAdvice) {
        if (SecretValues.tooShortForKeyBase(name, value)) {
            return new Finding(INFO, Severity.WARNING, file, start, end, where + " is a literal " + bytes(value)
                    + " bytes long, " + committed + ": " + SHORT_KEY_BASE + " " + tooShortAdvice, List.of());
        }
        return asKeyBaseFinding(project, name, new Finding(INFO, INFO.defaultSeverity(), file, start, end,
                where + " is " + committedAs(value) + ", " + committed + leaked, List.of()));
    }

    /** The last word of a key that holds a password ({@code admin_password}, {@code password}). */
    private static final Pattern PASSWORD = Pattern.compile("(?:^|_)(password|passwd|passphrase)$");
    /** What a committed secret_key_base too short to be one means: no working key, rather than a leaked one. */
    private static final String SHORT_KEY_BASE = "no working key (Plug's cookie store refuses a secret_key_base under "
            + "64 bytes, so each request that uses the session fails), and a value anyone can read.";

    private static int bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
