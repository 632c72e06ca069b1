package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.gotchals.rules.ImageRulesTestSupport.BUILDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MissingUtf8LocaleRuleTest {
    private static final String RUNNER = """
            FROM debian:${DEBIAN_VERSION}
            WORKDIR "/app"
            COPY --from=builder /app/_build/prod/rel/shop ./
            USER nobody
            CMD ["/app/bin/shop", "start"]
            """;

    @TempDir
    Path dir;

    private List<Finding> check(String dockerfile, String... more) {
        ProjectFixture fixture = new ProjectFixture(dir).with("Dockerfile", dockerfile);
        for (int i = 0; i < more.length; i += 2) {
            fixture.with(more[i], more[i + 1]);
        }
        return fixture.check(new MissingUtf8LocaleRule());
    }

    @Test
    void generatedLayoutsAreSilent() {
        ImageRulesTestSupport.generatedLayoutsAreSilent(new MissingUtf8LocaleRule());
    }

    @Test
    void aBareDebianRunnerIsReportedOnItsFromAndFixedWithCUtf8() {
        List<Finding> findings = check(BUILDER + RUNNER);
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("FROM debian:${DEBIAN_VERSION}", ProjectFixture.covered(finding));
        String fixed = ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile"));
        assertTrue(fixed.contains("ENV LANG=C.UTF-8"), fixed);
        assertEquals(List.of(), check(fixed));
    }

    @Test
    void aLastStageThatHoldsNoReleaseRunsNone() {
        String stub = "FROM debian:bookworm AS prod\n# to do: copy the release in and start it\nCMD [\"/bin/bash\"]\n";
        assertEquals(List.of(), check(BUILDER + stub), "a stub stage: no release reaches it");
        assertEquals(1, check(BUILDER + stub.replace("CMD", "COPY --from=builder /app/_build/prod/rel/shop /app\nCMD")).size(),
                "a release copied in runs there");
        assertEquals(1, check(BUILDER + stub.replace("[\"/bin/bash\"]", "[\"/app/bin/shop\", \"start\"]")).size(),
                "a release started there (from a volume, say) runs there");
    }

    @Test
    void aNonUtf8LocaleIsReportedAndLcAllLeavesNoFix() {
        assertEquals(1, check(BUILDER + RUNNER.replace("USER", "ENV LANG=C\nUSER")).size());
        Finding finding = check(BUILDER + RUNNER.replace("USER", "ENV LC_ALL=C\nUSER")).get(0);
        assertEquals(List.of(), finding.fixes());
    }

    @Test
    void utf8LocalesAndFnuAreSilent() {
        for (String env : List.of("ENV LANG=en_US.UTF-8", "ENV LC_ALL=C.utf8", "ENV ELIXIR_ERL_OPTIONS=\"+fnu\"")) {
            assertEquals(List.of(), check(BUILDER + RUNNER.replace("USER", env + "\nUSER")), env);
        }
        assertEquals(List.of(), check(BUILDER + RUNNER, "rel/vm.args.eex", "+fnu\n"));
    }

    @Test
    void basesThatSetALocaleOrCannotBeToldAreSilent() {
        for (String base : List.of("elixir:1.16-slim", "hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim",
                "hexpm/erlang:26.2.5-debian-bookworm-20240513-slim", "erlang:26-alpine", "alpine:3.19",
                "registry.example.com/runtime:3")) {
            assertEquals(List.of(), check(BUILDER + RUNNER.replace("debian:${DEBIAN_VERSION}", base)), base);
        }
    }

    @Test
    void theOfficialErlangImageOnDebianSetsNoLocale() {
        for (String base : List.of("erlang:22", "erlang:26-slim", "docker.io/library/erlang:27.1")) {
            assertEquals(1, check(BUILDER + RUNNER.replace("debian:${DEBIAN_VERSION}", base)).size(), base);
        }
    }

    @Test
    void aLocaleFromThePlatformOrEnvScriptIsSilent() {
        assertEquals(List.of(), check(BUILDER + RUNNER, "fly.toml", "app = \"shop\"\n[env]\nLANG = \"C.UTF-8\"\n"));
        assertEquals(List.of(), check(BUILDER + RUNNER, "rel/env.sh.eex", "#!/bin/sh\nexport LANG=C.UTF-8\n"));
    }

    @Test
    void anEmulatorFlagTheEnvScriptWritesOutWithoutFnuSetsNoLocale() {
        String ipv6 = "#!/bin/sh\nif [ -n \"$FLY_APP_NAME\" ]; then\n  export ERL_AFLAGS=\"-proto_dist inet6_tcp\"\nfi\n";
        assertEquals(1, check(BUILDER + RUNNER, "rel/env.sh.eex", ipv6).size(), "Fly's IPv6 distribution flags");
        assertEquals(List.of(), check(BUILDER + RUNNER, "rel/env.sh.eex", ipv6.replace("inet6_tcp\"", "inet6_tcp +fnu\"")));
        assertEquals(List.of(), check(BUILDER + RUNNER, "rel/env.sh.eex",
                ipv6.replace("\"-proto_dist", "\"$ERL_AFLAGS -proto_dist")), "what the platform gave it is kept");
    }

    @Test
    void anEmulatorFlagAComposeServiceGivesIsSilent() {
        String compose = "services:\n  app:\n    build: .\n    restart: always\n    environment:\n"
                + "      ELIXIR_ERL_OPTIONS: \"+fnu\"\n";
        assertEquals(1, check(BUILDER + RUNNER, "docker-compose.yml", compose.replace("ELIXIR_ERL_OPTIONS", "POOL_SIZE")
                .replace("+fnu", "10")).size(), "other variables say nothing of the locale");
        assertEquals(List.of(), check(BUILDER + RUNNER, "docker-compose.yml", compose), "the Compose service gives +fnu");
    }

    @Test
    void imagesThatBuildNoReleaseAreSilent() {
        assertEquals(List.of(), check("FROM debian:bookworm-slim\nCOPY . /app\nCMD [\"/app/run\"]\n"));
    }
}
