package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveRoutesTest {
    @TempDir
    Path temp;
    private int projects;

    private LiveRoutes routes(String router, String... more) {
        Map<String, String> files = new HashMap<>(Map.of("lib/shop_web/router.ex", router));
        for (int i = 0; i < more.length; i += 2) {
            files.put(more[i], more[i + 1]);
        }
        return LiveRoutes.of(ConfigProject.open(temp.resolve("project" + projects++), files));
    }

    @Test
    void aLiveRouteInsideScopesAndLiveSessionsIsServed() {
        assertEquals(LiveRoutes.SERVED, routes("""
                defmodule ShopWeb.Router do
                  use Phoenix.Router

                  scope "/", ShopWeb do
                    live_session :default do
                      live "/", HomeLive
                    end
                  end
                end
                """));
    }

    @Test
    void routesOnlyDevelopmentServesAreLeftOut() {
        String devDashboard = """
                defmodule ShopWeb.Router do
                  use Phoenix.Router
                  get "/", ShopWeb.PageController, :index

                  if Mix.env() in [:dev, :test] do
                    import Phoenix.LiveDashboard.Router
                    live_dashboard "/dashboard"
                  end
                end
                """;
        assertEquals(LiveRoutes.NONE, routes(devDashboard));
        assertEquals(LiveRoutes.SERVED, routes(devDashboard.replace("Mix.env() in [:dev, :test]", "Mix.env() == :prod")));
    }

    @Test
    void aCompileEnvFlagIsReadFromTheProductionBuildConfig() {
        String flagged = """
                defmodule ShopWeb.Router do
                  use Phoenix.Router

                  if Application.compile_env(:shop, :dashboard, false) do
                    live_dashboard "/dashboard"
                  end
                end
                """;
        assertEquals(LiveRoutes.NONE, routes(flagged), "the default is false and no config sets the flag");
        assertEquals(LiveRoutes.SERVED, routes(flagged, "config/config.exs", "import Config\nconfig :shop, dashboard: true\n"));
    }
}
