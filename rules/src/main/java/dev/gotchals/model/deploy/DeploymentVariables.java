package dev.gotchals.model.deploy;

import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.text.TextSearch;
import dev.gotchals.workspace.ComposeYaml;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.TemplateFiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables the repository tells its deployments about: a variable named where production's
 * environment is written or documented (fly.toml, app.json, Procfile, Kamal's deploy.yml, render.yaml, Compose files,
 * {@code .env} files and templates, Kubernetes manifests, Dockerfiles, systemd units, Nix expressions, rel/env.sh.eex, CI workflows, the
 * project's scripts, and its README), or one a hosting platform sets for the running release (a container's
 * {@code HOSTNAME}, ECS's {@code AWS_REGION}, and {@code PORT} where the project deploys to Heroku, Render or
 * Gigalixir). A variable none of them names is one nobody is told to set: the value the config falls back to is the
 * one production runs with. Some values are known outright: Gigalixir serves every app on port 4000 (its readiness
 * check waits for that port), and the {@code ENV} of the production image is what its container starts with where no
 * other file names the variable.
 */
public final class DeploymentVariables {
    /** The project's README, where the variables an operator sets are often listed. */
    private static final String README = "README.md";
    /** Roles of the files where a deployment's environment is set. */
    private static final List<FileRole> DEPLOYMENT_ROLES = List.of(FileRole.DEPLOY_MANIFEST, FileRole.KAMAL_DEPLOY,
            FileRole.DEPLOY_ENVIRONMENT,
            FileRole.INFRA_MANIFEST,
            FileRole.DOCKERFILE, FileRole.SYSTEMD_UNIT, FileRole.RELEASE_ENV_SCRIPT, FileRole.CI_WORKFLOW,
            FileRole.BUILD_SCRIPT, FileRole.ENTRYPOINT_SCRIPT, FileRole.NIX_EXPRESSION);
    /** The port Heroku, Render and Gigalixir give the app: set where it deploys there, named where it does not. */
    private static final String PORT = "PORT";
    /** Variables hosting platforms and container runtimes set for the running release wherever it runs. */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("DATABASE_URL", "HOSTNAME",
            "AWS_REGION", "AWS_DEFAULT_REGION", "DYNO", "PRIMARY_REGION");
    /** The port Gigalixir gives every app and checks for readiness. */
    private static final String GIGALIXIR_PORT = "4000";
    private static final String GIGALIXIR = "gigalixir";
    private static final String HEROKU = "heroku";
    /**
     * A buildpack named for Heroku ({@code heroku-buildpack-elixir}, {@code heroku-phoenix-umbrella-static-buildpack}).
     */
    private static final Pattern HEROKU_BUILDPACK = Pattern.compile(
            "[\\w.-]*heroku[\\w.-]*buildpack[\\w.-]*|[\\w.-]*buildpack[\\w.-]*heroku[\\w.-]*");
    /** Prefixes of the platforms' own variables: {@code FLY_REGION}, {@code RENDER_EXTERNAL_HOSTNAME} … */
    private static final List<String> PLATFORM_PREFIXES = List.of("FLY_", "RENDER_", "HEROKU_", "GIGALIXIR_", "K_",
            "KUBERNETES_", "ECS_", "RAILWAY_");
    /** A render.yaml service's runtime: {@code runtime: docker}, {@code env: elixir}, {@code runtime: image}. */
    private static final Pattern RENDER_RUNTIME = Pattern.compile("(?m)^\\s*-?\\s*(?:runtime|env):\\s*[\"']?(\\w+)");
    /** After a variable's name: {@code =4000} or {@code : "4000"}, a literal ending its line, quote or word. */
    private static final Pattern LITERAL_ASSIGNMENT =
            Pattern.compile("[ \\t]*[=:][ \\t]*[\"']?([^\\s\"'$#{}]+)[\"']?(?=[\\s\"']|$)");

    /** A Markdown task list's unchecked item: {@code - [ ] Heroku deploy}. */
    private static final Pattern OPEN_TODO = Pattern.compile("\\s*[-*+] \\[ \\] ");
    /** A command line that starts the app with Mix: {@code mix phx.server}, {@code iex -S mix}, {@code mix run}. */
    private static final Pattern MIX_START = Pattern.compile("\\bmix\\s+(phx\\.server|phoenix\\.server|run)\\b|-S\\s+mix\\b");

    private final List<Text> texts;
    private final boolean onPortPlatform;
    private final boolean onGigalixirOnly;
    private final List<DockerImage> productionImages;

    /**
     * A file's text; whether it is the Dockerfile of a production image (whose ENV is read, not searched); and whether
     * it gives a deployment its environment from outside the images (a Compose file or Kubernetes manifest for
     * production, a platform manifest, a unit, a script, the README), not a Dockerfile or a development setup.
     *
     * @param hashComments whether a line starting with {@code #} is a comment ({@code #ENV PORT=4000}): every
     *                     deployment file's is, the README's are headings
     * @param setsValues   whether a literal it assigns is the value a deployment runs with: a platform manifest, a
     *                     systemd unit, an environment file; not a template or the README an operator copies from, a
     *                     Compose file whose {@code environment:} is often the knob a self-hoster turns, a CI job's
     *                     environment or a script
     */
    private record Text(String text, boolean productionImage, boolean outsideImages, boolean hashComments,
                        boolean setsValues) {
    }

    private DeploymentVariables(List<Text> texts, boolean onPortPlatform, boolean onGigalixirOnly,
                                List<DockerImage> productionImages) {
        this.texts = texts;
        this.onPortPlatform = onPortPlatform;
        this.onGigalixirOnly = onGigalixirOnly;
        this.productionImages = productionImages;
    }

    /**
     * The README without its lines that start the app with Mix ({@code PORT=4001 iex --name b -S mix phx.server}): those
     * run it from a checkout, in development, not the release a deployment starts; nor its open to-dos
     * ({@code - [ ] Heroku deploy}), plans rather than deployments.
     */
    private static String withoutMixStarts(String readme) {
        StringBuilder kept = new StringBuilder(readme.length());
        for (String line : readme.split("\n", -1)) {
            if (!MIX_START.matcher(line).find() && !OPEN_TODO.matcher(line).lookingAt()) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    public static DeploymentVariables of(ProjectContext project) {
        return project.model(DeploymentVariables.class, DeploymentVariables::read);
    }

    private static DeploymentVariables read(ProjectContext project) {
        List<DockerImage> productionImages = DeployModel.of(project).productionImages();
        Set<DocumentSnapshot> imageFiles = new HashSet<>();
        productionImages.forEach(image -> imageFiles.add(image.file()));
        Set<DocumentSnapshot> appliedManifests = new HashSet<>(ManifestEnvironment.appliedManifests(project));
        List<Text> texts = new ArrayList<>();
        for (FileRole role : DEPLOYMENT_ROLES) {
            for (DocumentSnapshot file : project.files(role)) {
                if (role == FileRole.DEPLOY_ENVIRONMENT && ComposeServices.envFileNamedForDevelopment(file.path())) {
                    continue; // a development or test setup's variables (.env.e2e), no deployment's
                }
                boolean outside = switch (role) {
                    case DOCKERFILE -> false;
                    // A chart's template gives the variable its Deployment's env, whatever value it templates in.
                    case INFRA_MANIFEST -> appliedManifests.contains(file)
                            || ManifestEnvironment.inHelmChart(project, project.project().root(), file);
                    case DEPLOY_ENVIRONMENT -> !ComposeServices.namedForDevelopment(file.path()) && !runsNoImage(file);
                    default -> true;
                };
                boolean setsValues = switch (role) {
                    // Kamal's deploy.yml: its `env: clear:` values are what `kamal deploy` starts the release with
                    case DEPLOY_MANIFEST, SYSTEMD_UNIT, KAMAL_DEPLOY -> true;
                    case DEPLOY_ENVIRONMENT ->
                            !ComposeYaml.isComposeFile(file.path()) && !TemplateFiles.isTemplate(file.path());
                    default -> false;
                };
                texts.add(new Text(file.text().text(), imageFiles.contains(file), outside, true, setsValues));
            }
        }
        DocumentSnapshot readme = project.file(project.project().root().resolve(README));
        if (readme != null) {
            texts.add(new Text(withoutMixStarts(readme.text().text()), false, true, false, false));
        }
        DeployManifests manifests = DeployManifests.of(project);
        boolean buildpack = manifests.buildpacks() != null || !project.files(FileRole.BUILDPACK_CONFIG).isEmpty();
        boolean onRender = BuildScripts.of(project).buildsOnRender();
        boolean onPortPlatform = manifests.procfile() != null || manifests.heroku() != null || buildpack || onRender;
        // A release built by the buildpack with no Procfile to start it is Gigalixir's way (Heroku needs the Procfile).
        boolean buildpackRelease = manifests.procfile() == null
                && (DistilleryConfig.of(project) != null || project.hasConfigFile("releases.exs"));
        boolean onGigalixirOnly = false;
        if (buildpack && !onRender && manifests.heroku() == null) {
            Set<String> named = platformsNamed(project, texts);
            onGigalixirOnly = (buildpackRelease || named.contains(GIGALIXIR)) && !named.contains(HEROKU);
        }
        return new DeploymentVariables(List.copyOf(texts), onPortPlatform, onGigalixirOnly, productionImages);
    }

    /**
     * Whether the file is a render.yaml whose services all run on one of Render's native runtimes ({@code runtime:
     * elixir}, the older {@code env: elixir}): what it gives them reaches the app Render builds itself, not an image.
     */
    private static boolean runsNoImage(DocumentSnapshot file) {
        if (!file.path().getFileName().toString().equals("render.yaml")) {
            return false;
        }
        Matcher runtime = RENDER_RUNTIME.matcher(file.text().text());
        boolean any = false;
        while (runtime.find()) {
            if (runtime.group(1).equals("docker") || runtime.group(1).equals("image")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * Which of Gigalixir and Heroku the deployment files, the README, the buildpack config or the config files name,
     * each text lower-cased once; a buildpack's name ({@code heroku-buildpack-phoenix-static}) names no platform.
     */
    private static Set<String> platformsNamed(ProjectContext project, List<Text> texts) {
        List<String> all = new ArrayList<>();
        texts.forEach(text -> all.add(text.text()));
        for (FileRole role : List.of(FileRole.BUILDPACK_CONFIG, FileRole.CONFIG)) {
            project.files(role).forEach(file -> all.add(file.text().text()));
        }
        Set<String> named = new HashSet<>();
        for (String text : all) {
            // HashNuke's heroku-buildpack-elixir builds on Gigalixir too: a buildpack's name says nothing of Heroku.
            String lower = HEROKU_BUILDPACK.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
            for (String platform : List.of(GIGALIXIR, HEROKU)) {
                if (lower.contains(platform)) {
                    named.add(platform);
                }
            }
        }
        return named;
    }

    /**
     * Whether the project deploys on Gigalixir and nowhere else the repository names (a buildpack config, Gigalixir
     * named, Heroku not). Gigalixir builds a Distillery release wherever rel/config.exs exists, whatever a Procfile
     * says.
     */
    public boolean deploysOnGigalixirOnly() {
        return onGigalixirOnly;
    }

    /**
     * Whether a deployment may give the running release this variable: the repository names it where deployments
     * are described, or a hosting platform sets it.
     */
    public boolean mayBeSet(String variable) {
        if (PLATFORM_VARIABLES.contains(variable) || PLATFORM_PREFIXES.stream().anyMatch(variable::startsWith)
                || variable.equals(PORT) && onPortPlatform) {
            return true;
        }
        return texts.stream().anyMatch(text -> namesWord(text, variable));
    }

    /**
     * Whether a deployment gives the running release this variable from outside its image: a production Compose file's
     * {@code environment:}, a Kubernetes manifest or the ConfigMap it takes its environment from, a platform manifest,
     * a script, or the README that tells the operator to set it. A Dockerfile's {@code ENV} is the image's own, read
     * where its start is.
     */
    public boolean givenOutsideTheImages(String variable) {
        return texts.stream().anyMatch(text -> text.outsideImages() && namesWord(text, variable));
    }

    /**
     * The value every deployment of the repository starts the release with, where that is known and one: Gigalixir's
     * {@code PORT}, or what the production images' {@code ENV} and the other deployment files that name the variable
     * set, when each of those only assigns it a literal and is one whose values a deployment runs with (a unit, an
     * environment file, Kamal's deploy.yml; not a template, a Compose file or the README).
     * Null when a platform assigns its own value (Heroku's and Render's {@code PORT}), when the deployments differ or
     * leave it open, or when nothing sets it.
     */
    public String fixedValue(String variable) {
        if (PLATFORM_VARIABLES.contains(variable) || PLATFORM_PREFIXES.stream().anyMatch(variable::startsWith)) {
            return null;
        }
        Set<String> values = new HashSet<>();
        if (variable.equals(PORT) && onPortPlatform) {
            if (!onGigalixirOnly) {
                return null;
            }
            values.add(GIGALIXIR_PORT);
        }
        for (Text text : texts) {
            if (!text.productionImage() && namesWord(text, variable)) {
                // A deployment file that only assigns it a literal (a unit's Environment=PORT=4000, a .env line)
                // gives that value; any other mention (a reference, a template, docs) leaves it open.
                List<String> assigned = text.setsValues() ? assignedValues(text, variable) : null;
                if (assigned == null) {
                    return null;
                }
                values.addAll(assigned);
            }
        }
        for (DockerImage image : productionImages) {
            // Every stage, the release's build included: a builder with its own value would bake that one.
            for (Stage stage : image.dockerfile().stages()) {
                String value = image.environment(stage).get(variable);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values.size() == 1 ? values.iterator().next() : null;
    }

    /**
     * Whether the text holds {@code word} with no letter, digit or {@code _} on either side, outside a comment line:
     * a variable named only in {@code #ENV PORT=4000} is set by no deployment.
     */
    private static boolean namesWord(Text text, String word) {
        return nextMention(text, word, 0) >= 0;
    }

    /**
     * Where the text next holds {@code word} from {@code from} on, with no letter, digit or {@code _} on either side
     * and outside a comment line; -1 when it does not.
     */
    private static int nextMention(Text text, String word, int from) {
        String chars = text.text();
        for (int at = chars.indexOf(word, from); at >= 0; at = chars.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !isNameChar(chars.charAt(at - 1))) && (end == chars.length() || !isNameChar(chars.charAt(end)))
                    && !(text.hashComments() && TextSearch.inHashCommentLine(chars, at))) {
                return at;
            }
        }
        return -1;
    }

    /**
     * The literal values the text assigns to {@code variable} where it names it outside comments ({@code PORT=4000},
     * {@code PORT: "4000"}, {@code Environment=PORT=4000}), or null when a mention is anything else: a reference
     * ({@code $PORT}), a value of its own made of other variables, or the name alone.
     */
    private static List<String> assignedValues(Text text, String variable) {
        String chars = text.text();
        List<String> values = new ArrayList<>();
        for (int at = nextMention(text, variable, 0); at >= 0; at = nextMention(text, variable, at + 1)) {
            int end = at + variable.length();
            if (at > 0 && chars.charAt(at - 1) == '$' || at > 1 && chars.startsWith("${", at - 2)) {
                return null;
            }
            Matcher assignment = LITERAL_ASSIGNMENT.matcher(chars).region(end, chars.length());
            if (!assignment.lookingAt() || assignment.group(1).startsWith("<%")) {
                return null; // the name alone, or a value an ERB template computes
            }
            values.add(assignment.group(1));
        }
        return values;
    }


    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
