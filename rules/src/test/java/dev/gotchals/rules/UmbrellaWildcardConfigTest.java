package dev.gotchals.rules;

import dev.gotchals.engine.Changes;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The umbrella layout {@code mix phx.new --umbrella} generated for Phoenix 1.3 and 1.4: the root config.exs loads
 * every app's config with {@code import_config "../apps/*}{@code /config/config.exs"}, and each app's config.exs
 * loads its own {@code "#{Mix.env}.exs"}. Production reads the app configs, so the rules do too, and a new app
 * config that the wildcard matches runs them again.
 */
class UmbrellaWildcardConfigTest {
    private static final Map<String, String> UMBRELLA = Map.of(
            "mix.exs", """
                    defmodule Forum.Umbrella.MixProject do
                      use Mix.Project
                      def project, do: [apps_path: "apps", deps: []]
                    end
                    """,
            "Dockerfile", """
                    FROM elixir:1.14
                    WORKDIR /app
                    ENV MIX_ENV=prod
                    COPY . .
                    RUN mix deps.get && mix release
                    CMD ["_build/prod/rel/forum/bin/forum", "start"]
                    """,
            "config/config.exs", """
                    use Mix.Config

                    import_config "../apps/*/config/config.exs"

                    config :logger, :console, format: "$time $message\\n"

                    import_config "#{Mix.env}.exs"
                    """,
            "config/prod.exs", "use Mix.Config\nconfig :logger, level: :info\n",
            "config/dev.exs", "use Mix.Config\n",
            "config/test.exs", "use Mix.Config\n",
            "apps/forum/mix.exs", mixExs("Forum", "forum"),
            "apps/forum/config/config.exs", "use Mix.Config\nconfig :forum, ecto_repos: [Forum.Repo]\n",
            "apps/forum_web/mix.exs", mixExs("ForumWeb", "forum_web"));

    /** The web app's config, which the wildcard matches once it is there. */
    private static final Map<String, String> WEB_CONFIG = Map.of(
            "apps/forum_web/config/config.exs", """
                    use Mix.Config

                    config :guardian, Guardian,
                      issuer: "Forum",
                      secret_key: "z4pyE6JoizjOGkhvak7XVEG+vmVYA6072W4HZzCuuY+CXQzbDwkviYpWurq83tef"

                    import_config "#{Mix.env}.exs"
                    """,
            "apps/forum_web/config/prod.exs", """
                    use Mix.Config

                    config :forum_web, ForumWeb.Repo, url: System.get_env("DATABASE_URL")
                    """,
            "apps/forum_web/config/dev.exs", "use Mix.Config\n",
            "apps/forum_web/config/test.exs", "use Mix.Config\n");

    @TempDir
    Path dir;

    private static String mixExs(String module, String app) {
        return "defmodule " + module + ".MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :" + app + ", version: \"0.1.0\", deps: []]\nend\n";
    }

    private List<Path> write(Map<String, String> files) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            written.add(path);
        }
        return written;
    }

    private static List<String> described(List<Finding> findings, Path root) {
        return findings.stream().map(finding -> finding.rule().id() + " "
                + root.relativize(finding.file().path()).toString().replace('\\', '/') + " "
                + ProjectFixture.covered(finding)).sorted().toList();
    }

    private static final List<String> EXPECTED = List.of(
            "GT001 apps/forum_web/config/prod.exs System.get_env(\"DATABASE_URL\")",
            "GT005 apps/forum_web/config/config.exs \"z4pyE6JoizjOGkhvak7XVEG+vmVYA6072W4HZzCuuY+CXQzbDwkviYpWurq83tef\"");

    @Test
    void productionReadsTheAppConfigsTheWildcardImports() throws IOException {
        write(UMBRELLA);
        write(WEB_CONFIG);
        Workspace workspace = new Workspace(List.of(dir));
        RuleEngine engine = new RuleEngine(List.of(new CompileTimeEnvRule(), new HardcodedSecretRule()));

        assertEquals(EXPECTED, described(engine.analyze(workspace.projects().get(0), workspace), dir));
    }

    @Test
    void anAppConfigThatAppearsUnderTheWildcardRunsTheRulesAgain() throws IOException {
        write(UMBRELLA);
        Workspace workspace = new Workspace(List.of(dir));
        RuleEngine engine = new RuleEngine(List.of(new CompileTimeEnvRule(), new HardcodedSecretRule()));
        assertEquals(List.of(), engine.analyze(new ProjectContext(workspace.projects().get(0), workspace),
                Changes.EVERYTHING));

        List<Path> created = write(WEB_CONFIG);
        created.forEach(path -> workspace.diskChanged(path, true));
        List<Finding> findings = engine.analyze(new ProjectContext(workspace.projects().get(0), workspace),
                Changes.createdOrDeleted(created));

        assertEquals(EXPECTED, described(findings, dir));
    }
}
