package dev.gotchals.model.deploy;

import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CiWorkflowsTest {
    private static final String MIX = "defmodule Shop.MixProject do\n  use Mix.Project\n"
            + "  def project, do: [app: :shop, version: \"0.1.0\", deps: []]\nend\n";

    @TempDir
    Path root;

    private String releaseWorkflow(String run) {
        CiWorkflows workflows = CiWorkflows.of(ConfigProject.open(root, Map.of("mix.exs", MIX,
                ".github/workflows/ci.yml", "jobs:\n  build:\n    steps:\n      - run: " + run + "\n")));
        return workflows.releaseWorkflow() == null ? null : workflows.releaseWorkflow().path().getFileName().toString();
    }

    @Test
    void aReleaseIsBuiltByMixReleaseAlsoAsATaskOfMixDo() {
        assertEquals("ci.yml", releaseWorkflow("MIX_ENV=prod mix release --overwrite"));
        assertEquals("ci.yml", releaseWorkflow("mix do assets.setup, assets.deploy, compile --warnings-as-errors, release --overwrite"));
        assertEquals("ci.yml", releaseWorkflow("mix do compile + release"));
        assertNull(releaseWorkflow("mix do deps.get, compile, phx.gen.release"));
        assertNull(releaseWorkflow("mix test"));
    }
}
