package dev.gotchals.workspace;

import dev.gotchals.syntax.SourceLanguage;

import java.util.List;

/**
 * What a file is to a Mix project, decided by its path alone, whatever language id an editor sends. Each kind's
 * patterns, relative to the project (or umbrella app) root, are the one place its files are named: the classifier
 * matches them, the language server registers them as file watcher globs, and the pre-commit hook's pattern and the
 * editor clients' document selectors are checked against it. A file takes the first kind, in this order, that
 * matches it.
 */
public enum FileRole {
    /**
     * {@code .dockerignore}, and a Dockerfile's own {@code Dockerfile.dockerignore} beside it: what a build context
     * leaves out. Before Dockerfiles, which {@code Dockerfile.*} would otherwise claim it for.
     */
    DOCKER_IGNORE(null, "**/{.dockerignore,*.dockerignore}"),
    /**
     * {@code Dockerfile}, {@code Dockerfile.*}, {@code Dockerfile-*}, any name ending in {@code Dockerfile}
     * ({@code api.Dockerfile}, {@code ProdDockerfile}) or {@code .dockerfile}, the lowercase {@code dockerfile} that
     * {@code docker build} also takes, {@code Containerfile}, anywhere: CI
     * builds name whichever file they like.
     */
    DOCKERFILE(SourceLanguage.DOCKERFILE,
            "**/{*Dockerfile,Dockerfile.*,Dockerfile-*,dockerfile,*.dockerfile,Containerfile,Containerfile.*}"),
    /**
     * {@code .gotcha.exs} at the project root (an umbrella's root, not an app's): Gotcha LS's own settings for the
     * project, read as Elixir syntax and never run.
     */
    PROJECT_SETTINGS(SourceLanguage.ELIXIR, ".gotcha.exs"),
    /** {@code mix.exs} of a project or of an umbrella app. */
    MIX_PROJECT(SourceLanguage.ELIXIR, "mix.exs"),
    /** {@code config/**}{@code /*.exs}: config.exs, prod.exs, runtime.exs, releases.exs … */
    CONFIG(SourceLanguage.ELIXIR, "config/**/*.exs"),
    /**
     * {@code lib/**}{@code /*.ex}: the release module, the router, controllers, the endpoint; and {@code web/**}
     * {@code /*.ex}, where Phoenix 1.2 and earlier put the router, controllers and channels (compiled through
     * {@code elixirc_paths: ["lib", "web"]}).
     */
    ELIXIR_SOURCE(SourceLanguage.ELIXIR, "{lib,web}/**/*.ex"),
    /** Scripts copied into the release: {@code rel/overlays/bin/*}. */
    RELEASE_SCRIPT(null, "rel/overlays/bin/*"),
    /** {@code rel/**}{@code /*.exs}: release configuration such as rel/env.exs or rel/config.exs. */
    RELEASE_CONFIG(SourceLanguage.ELIXIR, "rel/**/*.exs"),
    /** {@code rel/env.sh.eex}: the shell script a Mix release sources before it starts (it exports variables). */
    RELEASE_ENV_SCRIPT(null, "rel/env.sh.eex"),
    /**
     * Platform manifests that start, build or migrate the app: {@code fly.toml} (and other environments'
     * {@code fly.staging.toml}, {@code fly-prod.toml}), {@code Procfile}, Heroku's {@code app.json} and
     * {@code heroku.yml} (the images its container runtime builds and runs).
     */
    DEPLOY_MANIFEST(null, "{fly.toml,fly.*.toml,fly-*.toml,Procfile,app.json,heroku.yml}"),
    /**
     * Kamal's deploy config, {@code config/deploy.yml}, and a destination's {@code config/deploy.staging.yml}: the
     * servers an image runs on, its environment, and kamal-proxy's health check.
     */
    KAMAL_DEPLOY(null, "config/{deploy.yml,deploy.*.yml}"),
    /** {@code .tool-versions}: the Elixir and Erlang versions asdf or mise install for a build. */
    TOOL_VERSIONS(null, ".tool-versions"),
    /**
     * Buildpack settings: {@code elixir_buildpack.config} (the Heroku-style Elixir buildpack's Elixir and OTP
     * versions) and {@code .buildpacks} (the buildpacks a Heroku-style platform runs, in order).
     */
    BUILDPACK_CONFIG(null, "{elixir_buildpack.config,.buildpacks}"),
    /**
     * CI pipelines, which may build or deploy the release: GitHub Actions workflows ({@code .github/workflows/*.yml}),
     * GitLab CI, CircleCI, Travis, Drone, Bitbucket Pipelines, AWS CodeBuild's {@code buildspec.yml} and Google Cloud
     * Build's {@code cloudbuild.yaml}.
     */
    CI_WORKFLOW(null, "{.github/workflows/*.yml,.github/workflows/*.yaml,.gitlab-ci.yml,.circleci/config.yml,.travis.yml,.drone.yml,bitbucket-pipelines.yml,buildspec.yml,cloudbuild.yaml,cloudbuild.yml}"),
    /**
     * Manifests in a deployment folder: Kubernetes and Helm files, fly.io configs of other environments
     * ({@code deploy/fly/prod.toml}), also one folder down ({@code .devops/helm/values.yaml},
     * {@code scripts/kubernetes/deployment.yaml}). They declare the probes that decide which instances take traffic.
     */
    INFRA_MANIFEST(null, List.of("{k8s,K8s,kube,kubernetes,Kubernetes,helm,chart,charts,deploy,deployment,deployments,"
            + "manifests,infra,infrastructure,ops,devops,.devops,fly,fly.io,.fly,*/k8s,*/kubernetes,*/helm}"
            + "/**/*.{yaml,yml,toml}",
            // Manifests kept beside mix.exs are named for what they are: deploy.yaml, k8s.yml, web-deployment.yaml.
            "*{deploy,k8s,kube}*.{yaml,yml}"), "**/{*compose*,docker-stack*}.{yaml,yml}"),
    /**
     * Where a deployment's environment is written or documented: render.yaml, Compose files, {@code .env} files and
     * their templates ({@code .env.example}, {@code config/templates/public.env}). Which variables they name tells
     * whether an operator is meant to set one.
     */
    DEPLOY_ENVIRONMENT(null, "**/{render.yaml,*compose*.yml,*compose*.yaml,docker-stack*.yml,docker-stack*.yaml,"
            + ".env,.env.*,*.env}"),
    /** Container entrypoint scripts: a name holding "entrypoint" in any case, Elixir files aside. */
    ENTRYPOINT_SCRIPT(null, "**/*[Ee][Nn][Tt][Rr][Yy][Pp][Oo][Ii][Nn][Tt]*", "**/*.{ex,exs}"),
    /**
     * The project's own shell scripts: {@code *.sh} at its root and in a deployment folder ({@code devops/deploy.sh},
     * {@code deploy/build.sh}), and any script in {@code bin/}, {@code script/} or {@code scripts/}, where they often
     * have no extension ({@code bin/deploy}, {@code script/server}); files of other languages there are left out.
     * Some build the release on a host ({@code export …} then {@code mix release}).
     */
    BUILD_SCRIPT(null, "{*.sh,deploy/*.sh,devops/*.sh,.devops/*.sh,ops/*.sh,infra/*.sh,bin/*,script/*,scripts/*}",
            "{bin,script,scripts}/*.{ex,exs,erl,hrl,escript,py,rb,js,mjs,cjs,ts,json,yml,yaml,toml,ini,conf,md,txt,"
                    + "sql,csv,lock,bat,cmd,ps1,pl,php,go,rs,exe,jar,zip,gz,tgz,tar,png,jpg,svg,html,eex,heex,"
                    + "service,nix}"),
    /**
     * The project's own browser code: scripts under {@code assets/} (Phoenix 1.3 and later, and each umbrella app's)
     * or {@code web/static/} (Phoenix 1.2 and earlier). Copied libraries ({@code vendor/}), built output
     * ({@code assets/static/}), build tool settings ({@code webpack.config.js}, {@code brunch-config.js}) and tests
     * run in no visitor's browser and are left out. Read for the sockets the pages connect.
     */
    PAGE_SCRIPT(null, "{assets,web/static}/**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}",
            "{**/vendor/**,assets/static/**,**/*.config.*,**/*-config.*,"
                    + "**/test/**,**/tests/**,**/__tests__/**,**/*.test.*,**/*.spec.*}"),
    /**
     * The project's page templates: {@code lib/**}{@code /*.html.heex} (and the {@code .html.eex}, {@code .html.leex} of
     * earlier Phoenix), {@code web/templates/} before Phoenix 1.3. Read for the static files the pages load.
     */
    PAGE_TEMPLATE(null, "{lib,web}/**/*.html.{heex,eex,leex}"),
    /**
     * systemd units ({@code *.service}, such as one {@code rel/overlays/} ships with the release): the release runs as
     * a service on a host, a deployment no container or platform file shows.
     */
    SYSTEMD_UNIT(null, "**/*.service"),
    /**
     * Nix expressions ({@code default.nix}, {@code flake.nix}, NixOS modules under {@code nix/} or {@code infra/}):
     * they may build the release ({@code beamPackages.mixRelease}), an image of it, or a NixOS service that runs it
     * with its environment written in.
     */
    NIX_EXPRESSION(null, "**/*.nix");

    private final SourceLanguage language;
    /** The role's patterns: more than one where a single glob would need nested brace groups, which VS Code refuses. */
    private final List<Glob> patterns;
    private final Glob except;

    FileRole(SourceLanguage language, String pattern) {
        this(language, pattern, null);
    }

    FileRole(SourceLanguage language, String pattern, String except) {
        this(language, List.of(pattern), except);
    }

    FileRole(SourceLanguage language, List<String> patterns, String except) {
        this.language = language;
        this.patterns = patterns.stream().map(Glob::of).toList();
        this.except = except == null ? null : Glob.of(except);
    }

    /** The grammar that parses files of this role, or null for plain text. */
    public SourceLanguage language() {
        return language;
    }

    /** The (first) pattern of this role's files, relative to the project (or umbrella app) root. */
    public Glob pattern() {
        return patterns.get(0);
    }

    /** Every pattern of this role's files, relative to the project (or umbrella app) root. */
    public List<Glob> patterns() {
        return patterns;
    }

    /**
     * The globs a file watcher needs to see this role's files anywhere in a workspace folder, whose Mix projects
     * may lie in subfolders. They may match a few files the role then refuses (an Elixir file named after an
     * entrypoint): the classifier decides.
     */
    public List<String> watcherGlobs() {
        return patterns.stream().map(Glob::text).map(text -> text.startsWith("**/") ? text : "**/" + text).toList();
    }

    /** Whether a {@code /}-separated path relative to the project root has this role, other roles aside. */
    boolean matches(String relativePath) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(relativePath))
                && (except == null || !except.matches(relativePath));
    }
}
