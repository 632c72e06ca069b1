package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuilderRunnerMismatchRuleTest {
    @TempDir
    Path dir;

    private List<Finding> check(String builderImage, String runnerImage) {
        return check("FROM " + builderImage + " AS builder\nWORKDIR /app\nCOPY . .\nRUN mix release\n\n"
                + "FROM " + runnerImage + "\nCOPY --from=builder /app/_build/prod/rel/shop /app\n"
                + "CMD [\"/app/bin/shop\", \"start\"]\n");
    }

    private List<Finding> check(String dockerfile) {
        return new ProjectFixture(dir).with("Dockerfile", dockerfile).check(new BuilderRunnerMismatchRule());
    }

    @Test
    void generatedLayoutsAreSilent() {
        ImageRulesTestSupport.generatedLayoutsAreSilent(new BuilderRunnerMismatchRule());
    }

    @Test
    void aBookwormBuilderWithABullseyeRunnerIsReportedOnTheRunnersFrom() {
        List<Finding> findings = check("hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim",
                "debian:bullseye-slim");
        assertEquals(1, findings.size());
        assertEquals("FROM debian:bullseye-slim", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("debian bookworm"), findings.get(0).message());
        assertTrue(findings.get(0).message().contains("debian bullseye"), findings.get(0).message());
        assertTrue(findings.get(0).message().contains("the runner has glibc 2.31, older than the build's 2.36, and "
                + "OpenSSL 1.1 where the build linked OpenSSL 3"), findings.get(0).message());
    }

    @Test
    void alpineAgainstDebianEitherWayAndUbuntuReleasesAreReported() {
        assertEquals(1, check("elixir:1.16-alpine", "debian:bookworm-slim").size());
        assertEquals(1, check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim", "alpine:3.19").size());
        assertEquals(1, check("hexpm/elixir:1.17.3-erlang-27.1-ubuntu-noble-20240808", "ubuntu:jammy").size());
        assertEquals(1, check("hexpm/elixir:1.17.3-erlang-27.1-alpine-3.19.1", "alpine:3.20").size());
    }

    @Test
    void anOlderReleasesBuildRunsOnANewerOneThatKeepsItsLibraries() {
        // The-Verscienta/kiln_cms builds on bookworm and runs on trixie, checked with ldd.
        assertEquals(List.of(), check("hexpm/elixir:1.19.5-erlang-27.3.4.15-debian-bookworm-20260713-slim",
                "debian:trixie-20260713-slim"), "glibc is newer, OpenSSL 3 and libtinfo6 on both");
        assertEquals(List.of(), check("hexpm/elixir:1.17.3-erlang-27.1-ubuntu-jammy-20240808", "ubuntu:noble"));
        assertEquals(List.of(), check("hexpm/elixir:1.14.5-erlang-25.3.2-debian-bullseye-20230612-slim",
                "ubuntu:20.04"), "glibc 2.31 and OpenSSL 1.1 on both");
        List<Finding> findings = check("hexpm/elixir:1.14.5-erlang-25.3.2-debian-bullseye-20230612-slim",
                "debian:bookworm-slim");
        assertEquals(1, findings.size(), "newer, but OpenSSL 3 only");
        assertTrue(findings.get(0).message().contains("the runner has OpenSSL 3 where the build linked OpenSSL 1.1"),
                findings.get(0).message());
        assertEquals(1, check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-buster-20240513-slim", "ubuntu:18.04").size(),
                "bionic's glibc 2.27 is older than buster's 2.28, and its libtinfo is 5");
    }

    @Test
    void theOfficialElixirImageIsDebianAgainstAnUbuntuRunnerWhateverItsTag() {
        List<Finding> findings = check("elixir:1.5", "ubuntu:latest");
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().startsWith("The release is built on debian (`elixir:1.5`) but runs on ubuntu"),
                findings.get(0).message());
        assertEquals(List.of(), check("elixir:1.16", "debian:bookworm-slim"), "Debian both: the releases cannot be told");
    }

    @Test
    void distillerysOwnTaskBuildsTheRelease() {
        String dockerfile = "FROM elixir:1.13.0-alpine AS builder\nWORKDIR /app\nCOPY . .\n"
                + "RUN mix do deps.get, distillery.release --env=prod\n\n"
                + "FROM debian:buster-slim\nCOPY --from=builder /app/_build/prod/rel/shop /app\nCMD [\"/app/bin/shop\", \"foreground\"]\n";
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", dockerfile)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n");
        assertEquals(1, project.check(new BuilderRunnerMismatchRule()).size(),
                "a release built on Alpine (musl) does not run on Debian (glibc)");
        assertEquals(List.of(), project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:phoenix, \"~> 1.6\"}]]\nend\n")
                .check(new BuilderRunnerMismatchRule()), "without Distillery the task does not exist: nothing is built");
    }

    @Test
    void sharedArgsAreResolvedBeforeComparing() {
        String shared = """
                ARG DEBIAN_VERSION=bookworm-20240513-slim
                ARG BUILDER_IMAGE="hexpm/elixir:1.16.2-erlang-26.2.5-debian-${DEBIAN_VERSION}"
                ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"
                FROM ${BUILDER_IMAGE} AS builder
                RUN mix release
                FROM ${RUNNER_IMAGE}
                COPY --from=builder /app/_build/prod/rel/shop /app
                """;
        assertEquals(List.of(), check(shared));
        assertEquals(1, check(shared.replace("ARG RUNNER_IMAGE=\"debian:${DEBIAN_VERSION}\"",
                "ARG RUNNER_IMAGE=\"debian:bullseye-slim\"")).size());
    }

    @Test
    void silentWhereEitherSideCannotBeTold() {
        assertEquals(List.of(), check("elixir:1.16", "debian:bookworm-slim"));
        assertEquals(List.of(), check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim", "debian:stable-slim"));
        assertEquals(List.of(), check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim", "scratch"));
        assertEquals(List.of(), check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim", "${RUNNER}"));
        assertEquals(List.of(), check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim",
                "registry.example.com/runtime:3"));
    }

    @Test
    void matchingReleasesAndDistrolessOfTheSameReleaseAreSilent() {
        assertEquals(List.of(), check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim", "debian:12-slim"));
        assertEquals(List.of(), check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim",
                "gcr.io/distroless/cc-debian12:nonroot"));
        assertEquals(List.of(), check("elixir:1.16-alpine", "alpine:3.19"));
    }

    @Test
    void anOfficialAlpineBuilderNoLongerRebuiltWithAFloatingRunnerIsReported() {
        List<Finding> findings = check("elixir:1.11-alpine", "alpine:3");
        assertEquals(1, findings.size());
        assertEquals("FROM alpine:3", ProjectFixture.covered(findings.get(0)));
        String message = findings.get(0).message();
        assertTrue(message.contains("`elixir:1.11-alpine`, an image no longer rebuilt, built on Alpine 3.12 to 3.16"),
                message);
        assertTrue(message.contains("now gives an Alpine with OpenSSL 3 only"), message);
        assertTrue(message.contains("crypto NIF built against the older libcrypto fails to load"), message);
        assertTrue(message.contains("`hexpm/elixir` tag"), message);
        assertEquals(1, check("elixir:1.9.1-alpine", "alpine").size());
        assertTrue(check("elixir:1.9.1-alpine", "alpine").get(0).message().contains("of a line of images built on"),
                "a patch tag was built over a part of its line's life");
        assertEquals(1, check("docker.io/library/elixir:1.10.4-alpine", "alpine:latest").size());
        assertEquals(1, check("erlang:23-alpine", "docker.io/library/alpine:edge").size());
    }

    @Test
    void aBuilderNamingAnAlpineBeforeOpenSsl3WithAFloatingRunnerIsReported() {
        List<Finding> findings = check("hexpm/elixir:1.14.0-erlang-25.0.4-alpine-3.16.0", "alpine:3");
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().startsWith("The release is built on Alpine 3.16 (`hexpm/elixir:"),
                findings.get(0).message());
        assertTrue(!findings.get(0).message().contains("hexpm/elixir` tag"), findings.get(0).message());
    }

    @Test
    void aPinnedRunnerOlderThanAnyAlpineTheOfficialBuilderWasBuiltOnIsReported() {
        List<Finding> findings = check("elixir:1.12-alpine", "alpine:3.9");
        assertEquals(1, findings.size());
        assertEquals("FROM alpine:3.9", ProjectFixture.covered(findings.get(0)));
        String message = findings.get(0).message();
        assertTrue(message.contains("built on Alpine 3.13 to 3.20"), message);
        assertTrue(message.contains("runs on Alpine 3.9 (`alpine:3.9`), older than any Alpine that image was built on"),
                message);
        assertTrue(!message.contains("fails"), message);
        assertEquals(1, check("elixir:1.18-alpine", "alpine:3.19").size());
        assertEquals(1, check("erlang:24-alpine", "alpine:3.12").size());
    }

    @Test
    void aPinnedRunnerNewerThanAnyAlpineAFrozenBuilderWasBuiltOnIsReported() {
        List<Finding> findings = check("elixir:1.11-alpine", "alpine:3.18");
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("newer than any Alpine that image was built on, with OpenSSL 3 "
                + "only"), findings.get(0).message());
        assertEquals(1, check("elixir:1.7-alpine", "alpine:3.15").size());
    }

    @Test
    void officialAlpineBuildersAreSilentInsideTheirRangeOrWhileFollowingTheNewestAlpine() {
        assertEquals(List.of(), check("elixir:1.18-alpine", "alpine:3"));
        assertEquals(List.of(), check("elixir:1.16-alpine", "alpine"));
        assertEquals(List.of(), check("erlang:27-alpine", "alpine:latest"));
        assertEquals(List.of(), check("elixir:1.12-alpine", "alpine:3"));
        assertEquals(List.of(), check("elixir:1.11-alpine", "alpine:3.16"));
        assertEquals(List.of(), check("elixir:1.11.4-alpine", "alpine:3.14"), "a patch tag's last build may be older");
        assertEquals(List.of(), check("elixir:1.18-alpine", "alpine:3.24"));
        assertEquals(List.of(), check("hexpm/elixir:1.16.2-erlang-26.2.5-alpine-3.19.1", "alpine:3"));
    }

    @Test
    void aMinorTagNoLongerRebuiltIsPulledAsItsLastBuild() {
        List<Finding> findings = check("elixir:1.10-alpine", "alpine:3.11.6");
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("pulls today as its last build, on Alpine 3.16, but runs on "
                + "Alpine 3.11"), findings.get(0).message());
        assertEquals(1, check("elixir:1.12-alpine", "alpine:3.16").size(), "1.12's last build is on Alpine 3.20");
        assertEquals(1, check("erlang:23-alpine", "alpine:3.12").size());
    }

    @Test
    void alpineBuildersTheTableDoesNotKnowAreSilent() {
        assertEquals(List.of(), check("elixir:1.4-alpine", "alpine:3.9"));
        assertEquals(List.of(), check("elixir:1.16-otp-25-alpine", "alpine:3.9"));
        assertEquals(List.of(), check("elixir:alpine", "alpine:3"));
        assertEquals(List.of(), check("erlang:19-alpine", "alpine"));
        assertEquals(List.of(), check("myorg/elixir:1.11-alpine", "alpine:3"));
        assertEquals(List.of(), check("bitwalker/alpine-elixir:1.11", "alpine:3"));
        assertEquals(List.of(), check("elixir:1.11-alpine", "myorg/alpine:3"));
        assertEquals(List.of(), check("elixir:1.11-alpine", "alpine:20240923"));
    }

    @Test
    void aRunnerBuiltFromTheBuilderIsSilent() {
        assertEquals(List.of(), check("""
                FROM hexpm/elixir:1.16.2-erlang-26.2.5-alpine-3.19.1 AS builder
                RUN mix release
                FROM builder AS runner
                CMD ["/app/_build/prod/rel/shop/bin/shop", "start"]
                """));
    }
}
