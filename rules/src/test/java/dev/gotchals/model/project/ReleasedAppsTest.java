package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleasedAppsTest {
    @TempDir
    Path temp;
    private int projects;

    private static String app(String name, String deps) {
        return "defmodule " + name.substring(0, 1).toUpperCase() + name.substring(1).replace("_w", "W")
                + ".MixProject do\n  use Mix.Project\n  def project, do: [app: :" + name
                + ", version: \"0.1.0\", build_path: \"../../_build\", deps: [" + deps + "]]\nend\n";
    }

    private ReleasedApps umbrella(String rootProject, Map<String, String> more) {
        Map<String, String> files = new HashMap<>();
        files.put("mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: \"apps\", "
                + rootProject + "deps: []]\nend\n");
        files.put("apps/shop/mix.exs", app("shop", ""));
        files.put("apps/shop_web/mix.exs", app("shop_web", "{:shop, in_umbrella: true}, {:phoenix, \"~> 1.7\"}"));
        files.put("apps/template/mix.exs", app("template", ""));
        files.putAll(more);
        return ReleasedApps.of(ConfigProject.open(temp.resolve("project" + projects++), files));
    }

    @Test
    void appsNoReleaseListsNorNeedsAreLeftOut() {
        ReleasedApps released = umbrella("releases: [shop: [applications: [shop_web: :permanent]]], ", Map.of());
        assertTrue(released.leftOut("template"));
        assertFalse(released.leftOut("shop_web"));
        assertFalse(released.leftOut("shop"), "an in_umbrella dependency of a listed app ships with it");
        assertFalse(released.leftOut("logger"), "not an umbrella app");
    }

    @Test
    void distilleryReleasesListTheirApplicationsInRelConfig() {
        ReleasedApps released = umbrella("", Map.of("apps/shop_web/mix.exs", app("shop_web",
                "{:shop, in_umbrella: true}, {:distillery, \"~> 2.1\"}"), "rel/config.exs", """
                use Distillery.Releases.Config
                release :shop_web do
                  set applications: [:runtime_tools, :shop_web]
                end
                """));
        assertTrue(released.leftOut("template"));
        assertFalse(released.leftOut("shop"));
    }

    @Test
    void withoutListedApplicationsEveryAppShips() {
        assertFalse(umbrella("", Map.of()).leftOut("template"));
        assertFalse(umbrella("releases: [shop: [version: \"0.1.0\"]], ", Map.of()).leftOut("template"));
    }
}
