package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleasesExsShadowedRuleTest {
    private static final String RELEASES = """
            import Config

            config :shop, ShopWeb.Endpoint,
              server: true,
              secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            """;
    private static final String RUNTIME = "import Config\n\nconfig :shop, ShopWeb.Endpoint, server: true\n";

    @TempDir
    Path dir;

    private ProjectFixture project(String elixirImage) {
        return new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("config/releases.exs", RELEASES).with("config/runtime.exs", RUNTIME)
                .with("Dockerfile", "FROM " + elixirImage + " AS build\nCOPY . .\nRUN mix release\n"
                        + "FROM alpine:3.19\nCOPY --from=build /_build/prod/rel/shop ./\nCMD [\"bin/shop\", \"start\"]\n");
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new ReleasesExsShadowedRule());
    }

    @Test
    void bothFilesOnElixir111OrLaterReportWhatIsLost() {
        List<Finding> findings = check(project("elixir:1.15.7-alpine"));

        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("GT012", finding.rule().id());
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals("config :shop, ShopWeb.Endpoint,", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("Elixir 1.15 (the image that runs `mix release`)"), finding.message());
        assertTrue(finding.message().contains(":shop ShopWeb.Endpoint secret_key_base")
                && !finding.message().contains("server"), finding.message());
    }

    @Test
    void aReleaseExsNoMixReadsIsReportedUnlessSomethingNamesIt() {
        ProjectFixture fixture = new ProjectFixture(dir).requiringElixir("~> 1.9").with("config/config.exs", "import Config\n")
                .with("config/release.exs", RELEASES)
                .with("Dockerfile", "FROM elixir:1.9.4-alpine AS build\nCOPY . .\nRUN mix release\n"
                        + "FROM alpine:3.11\nCOPY --from=build /_build/prod/rel/shop ./\nCMD [\"bin/shop\", \"start\"]\n");
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size());
        assertEquals("config :shop, ShopWeb.Endpoint,", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().startsWith("config/release.exs is read by nothing")
                && findings.get(0).message().endsWith("Rename it config/releases.exs, the file this release reads."),
                findings.get(0).message());

        fixture.with("config/prod.exs", "import Config\nimport_config \"release.exs\"\n");
        assertEquals(List.of(), check(fixture), "imported by prod.exs");
        fixture.with("config/prod.exs", "import Config\n")
                .with("Dockerfile", "FROM elixir:1.9.4-alpine AS build\nCOPY . .\n"
                        + "RUN cp config/release.exs config/releases.exs && mix release\n");
        assertEquals(List.of(), check(fixture), "copied onto the name the release reads");
    }

    @Test
    void aReleaseExsBesideTheRuntimeConfigTheReleaseReadsIsADeadCopyOrLostSettings() {
        ProjectFixture fixture = new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("config/release.exs", RELEASES).with("config/runtime.exs", RELEASES)
                .with("Dockerfile", "FROM elixir:1.15.7-alpine AS build\nCOPY . .\nRUN mix release\n"
                        + "FROM alpine:3.19\nCOPY --from=build /_build/prod/rel/shop ./\nCMD [\"bin/shop\", \"start\"]\n");
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size());
        assertEquals(Severity.INFO, findings.get(0).severity(), "a dead copy of what runtime.exs sets");
        fixture.with("config/runtime.exs", RUNTIME);
        findings = check(fixture);
        assertEquals(Severity.WARNING, findings.get(0).severity());
        assertTrue(findings.get(0).message().endsWith("Move them into config/runtime.exs, which this release reads."),
                findings.get(0).message());
    }

    @Test
    void aReleasesExsThatRuntimeExsCoversIsInformation() {
        ProjectFixture fixture = project("elixir:1.15.7-alpine").with("config/releases.exs", RUNTIME);
        List<Finding> findings = check(fixture);
        assertEquals(Severity.INFO, findings.get(0).severity());
    }

    @Test
    void aReleasesExsThatSetsNothingIsAMarkerNotADeadCopy() {
        for (String marker : List.of("# Gigalixir builds a Mix release when this file exists.\n", "import Config\n", "")) {
            assertEquals(List.of(), check(project("elixir:1.15.7-alpine").with("config/releases.exs", marker)
                    .with("config/config.exs", "import Config\n\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\"]\n")),
                    marker);
        }
    }

    @Test
    void onGigalixirTheReleasesExsThatMakesTheReleaseStays() {
        // Gigalixir builds a release because releases.exs exists: deleting it would start the app with Mix instead.
        ProjectFixture fixture = new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("config/releases.exs", "# here so Gigalixir builds a release\n" + RUNTIME)
                .with("config/runtime.exs", RUNTIME)
                .with("elixir_buildpack.config", "elixir_version=1.16.0\nerlang_version=26.0\n");
        assertEquals(List.of(), check(fixture), "it repeats runtime.exs: nothing is lost, and the file must stay");
        fixture.with("config/releases.exs", RELEASES);
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().endsWith("Move these into runtime.exs (in its prod block) and keep "
                + "releases.exs empty (a comment): Gigalixir builds the release because it exists."),
                findings.get(0).message());
        // An image that builds the release beside the buildpack config: the file is no platform's sign.
        fixture.with("config/releases.exs", "# here so Gigalixir builds a release\n" + RUNTIME)
                .with("Dockerfile", "FROM elixir:1.16.0 AS build\nCOPY . .\nRUN mix release\n"
                        + "FROM debian:bookworm-slim\nCOPY --from=build /_build/prod/rel/shop ./\nCMD [\"bin/shop\", \"start\"]\n");
        assertEquals(1, check(fixture).size(), "a dead copy of runtime.exs where a Dockerfile builds the release");
    }

    @Test
    void elixir110ReadsReleasesExsAndAnUnknownVersionSaysNothing() {
        assertEquals(List.of(), check(project("elixir:1.10.4-alpine").requiringElixir("~> 1.10")));
        ProjectFixture unknown = new ProjectFixture(dir.resolve("unknown")).requiringElixir(">= 1.9.0")
                .with("config/config.exs", "import Config\n").with("config/releases.exs", RELEASES)
                .with("config/runtime.exs", RUNTIME).with("rel/overlays/bin/server", "#!/bin/sh\nexec ./shop start\n");
        assertEquals(List.of(), check(unknown));
    }

    @Test
    void aMixRequirementOf111OrLaterDecides() {
        ProjectFixture fixture = new ProjectFixture(dir).requiringElixir("~> 1.12")
                .with("config/config.exs", "import Config\n").with("config/releases.exs", RELEASES)
                .with("config/runtime.exs", RUNTIME).with("rel/overlays/bin/server", "#!/bin/sh\nexec ./shop start\n");
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("1.12 or later"), findings.get(0).message());
    }

    @Test
    void onlyOneOfTheFilesIsSilent() {
        ProjectFixture releasesOnly = new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("config/releases.exs", RELEASES).with("Dockerfile", "FROM elixir:1.15.7-alpine\nRUN mix release\n");
        assertEquals(List.of(), check(releasesOnly));
    }

    @Test
    void generatedProjectsAreSilent() {
        assertEquals(List.of(), GeneratedSamples.check(new ReleasesExsShadowedRule()));
    }
}
