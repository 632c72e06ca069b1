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
    }

    @Test
    void alpineAgainstDebianEitherWayAndUbuntuReleasesAreReported() {
        assertEquals(1, check("elixir:1.16-alpine", "debian:bookworm-slim").size());
        assertEquals(1, check("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim", "alpine:3.19").size());
        assertEquals(1, check("hexpm/elixir:1.17.3-erlang-27.1-ubuntu-jammy-20240808", "ubuntu:noble").size());
        assertEquals(1, check("hexpm/elixir:1.17.3-erlang-27.1-alpine-3.19.1", "alpine:3.20").size());
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
    void aRunnerBuiltFromTheBuilderIsSilent() {
        assertEquals(List.of(), check("""
                FROM hexpm/elixir:1.16.2-erlang-26.2.5-alpine-3.19.1 AS builder
                RUN mix release
                FROM builder AS runner
                CMD ["/app/_build/prod/rel/shop/bin/shop", "start"]
                """));
    }
}
