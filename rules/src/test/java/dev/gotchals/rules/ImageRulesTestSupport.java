package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Rule;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the image rules' tests share: the generated release layouts and a builder stage. */
final class ImageRulesTestSupport {
    static final String BUILDER = """
            ARG DEBIAN_VERSION=bookworm-20240513-slim
            FROM hexpm/elixir:1.16.2-erlang-26.2.5-debian-${DEBIAN_VERSION} AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY . .
            RUN mix release

            """;

    private ImageRulesTestSupport() {
    }

    /** The Dockerfiles {@code mix phx.gen.release --docker} writes (Phoenix 1.7 and 1.8) raise nothing. */
    static void generatedLayoutsAreSilent(Rule rule) {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(rule)).analyze(project, workspace), name);
            }
        }
    }
}
