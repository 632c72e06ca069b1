package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;

import java.util.regex.Pattern;

/**
 * The project's {@code app.yaml} for Google App Engine's flexible environment on Google's Elixir runtime
 * ({@code env: flex}, {@code runtime: gs://elixir-runtime/elixir.yaml}). The runtime generates the image's Dockerfile
 * from app.yaml and writes its {@code env_variables} as {@code ENV} of the stage that builds the release, so that
 * build sees the variables the running instance gets, deploy after deploy.
 */
public final class AppEngineFlex {
    private static final Pattern FLEX = Pattern.compile("(?m)^env:\\s*['\"]?flex\\b");
    private static final Pattern ELIXIR_RUNTIME = Pattern.compile("(?m)^runtime:\\s*['\"]?\\S*elixir");

    private AppEngineFlex() {
    }

    /** Whether the project's root app.yaml deploys it on App Engine flex with Google's Elixir runtime. */
    public static boolean buildsOnElixirRuntime(ProjectContext project) {
        DocumentSnapshot appYaml = project.file(project.project().root().resolve("app.yaml"));
        if (appYaml == null) {
            return false;
        }
        String text = appYaml.text().text();
        return FLEX.matcher(text).find() && ELIXIR_RUNTIME.matcher(text).find();
    }
}
