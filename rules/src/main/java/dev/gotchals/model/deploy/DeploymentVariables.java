package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which environment variables the repository tells its deployments about: a variable named where production's
 * environment is written or documented (fly.toml, app.json, Procfile, Kamal's deploy.yml, render.yaml, Compose files,
 * {@code .env} files and templates, Kubernetes manifests, Dockerfiles, systemd units, Nix expressions, rel/env.sh.eex, CI workflows, the
 * project's scripts, and its README), or one a hosting platform sets for the running release (a container's
 * {@code HOSTNAME}, ECS's {@code AWS_REGION}, and {@code PORT} where the project deploys to Heroku, Render or
 * Gigalixir). A variable none of them names is one nobody is told to set: the value the config falls back to is the
 * one production runs with.
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
    /** Prefixes of the platforms' own variables: {@code FLY_REGION}, {@code RENDER_EXTERNAL_HOSTNAME} … */
    private static final List<String> PLATFORM_PREFIXES = List.of("FLY_", "RENDER_", "HEROKU_", "GIGALIXIR_", "K_",
            "KUBERNETES_", "ECS_", "RAILWAY_");

    private final List<String> texts;
    private final boolean onPortPlatform;

    private DeploymentVariables(List<String> texts, boolean onPortPlatform) {
        this.texts = texts;
        this.onPortPlatform = onPortPlatform;
    }

    public static DeploymentVariables of(ProjectContext project) {
        return project.model(DeploymentVariables.class, DeploymentVariables::read);
    }

    private static DeploymentVariables read(ProjectContext project) {
        List<String> texts = new ArrayList<>();
        for (FileRole role : DEPLOYMENT_ROLES) {
            project.files(role).forEach(file -> texts.add(file.text().text()));
        }
        DocumentSnapshot readme = project.file(project.project().root().resolve(README));
        if (readme != null) {
            texts.add(readme.text().text());
        }
        DeployManifests manifests = DeployManifests.of(project);
        boolean onPortPlatform = manifests.procfile() != null || manifests.heroku() != null
                || manifests.buildpacks() != null || !project.files(FileRole.BUILDPACK_CONFIG).isEmpty()
                || BuildScripts.of(project).buildsOnRender();
        return new DeploymentVariables(List.copyOf(texts), onPortPlatform);
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

    /** Whether {@code text} holds {@code word} with no letter, digit or {@code _} on either side. */
    private static boolean namesWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !isNameChar(text.charAt(at - 1))) && (end == text.length() || !isNameChar(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
