package dev.gotchals.model.project;

import dev.gotchals.elixir.Sources;
import dev.gotchals.model.project.PhoenixApp.Route;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoenixAppTest {
    private static final String ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              alias ShopWeb.Plugs

              plug Plug.Static, at: "/", from: :shop, gzip: false
              plug :health
              plug Plugs.Health, path: "/healthz"
              plug ShopWeb.Router

              def health(conn, _opts), do: conn
            end
            """;
    private static final String ROUTER = """
            defmodule ShopWeb.Router do
              use ShopWeb, :router

              pipeline :api do
                plug :accepts, ["json"]
              end

              pipeline :auth do
                plug ShopWeb.Auth
              end

              get "/up", ShopWeb.HealthController, :up

              scope "/api", ShopWeb.Api, as: :api do
                pipe_through :api
                get "/status", StatusController, :index

                scope "/v1", V1 do
                  pipe_through [:auth]
                  post "/orders", OrderController, :create
                  match :*, "/any", OrderController, :any
                end
              end

              scope path: "/admin", alias: ShopWeb do
                forward "/jobs", JobsDashboard, []
              end

              if Application.compile_env(:shop, :dev_routes) do
                scope "/dev" do
                  forward "/mailbox", Plug.Swoosh.MailboxPreview
                end
              end
            end
            """;

    private static PhoenixApp app() {
        return PhoenixApp.read(Sources.index(
                "lib/shop_web/endpoint.ex", ENDPOINT,
                "lib/shop_web/router.ex", ROUTER,
                "lib/shop_web.ex", "defmodule ShopWeb do\n  def router, do: quote(do: use(Phoenix.Router))\nend\n",
                "lib/shop_web/api/status_controller.ex", "defmodule ShopWeb.Api.StatusController do\nend\n"));
    }

    @Test
    void endpointPlugsInOrderWithTheRouter() {
        PhoenixApp app = app();
        PhoenixApp.Endpoint endpoint = app.endpoints().get(0);
        assertEquals("ShopWeb.Endpoint", endpoint.module().name());
        List<PhoenixApp.Plug> plugs = endpoint.plugs();
        assertEquals(4, plugs.size());
        assertEquals("Plug.Static", plugs.get(0).module());
        assertEquals("health", plugs.get(1).function());
        assertNull(plugs.get(1).module());
        assertEquals("ShopWeb.Plugs.Health", plugs.get(2).module(), "resolved through the alias");
        assertEquals(1, plugs.get(2).options().size());
        assertEquals("ShopWeb.Router", app.routerOf(endpoint).module().name());
        assertEquals("shop", endpoint.otpApp());
    }

    @Test
    void socketsServedInEveryEnvironmentLeaveOutTheCodeReloadingOnes() {
        PhoenixApp app = PhoenixApp.read(Sources.index("lib/shop_web/endpoint.ex", """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop

                  socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: []]]

                  if code_reloading? do
                    socket "/phoenix/live_reload/socket", Phoenix.LiveReloader.Socket
                  end
                end
                """));
        List<dev.gotchals.syntax.Node> sockets = app.endpoints().get(0).sockets();
        assertEquals(1, sockets.size());
        assertTrue(app.endpoints().get(0).module().tree().text(sockets.get(0)).contains("\"/live\""));
        assertEquals(List.of(), app().endpoints().get(0).sockets());
    }

    @Test
    void anEndpointChildStartedWithServerTrue() {
        String application = """
                defmodule Shop.Application do
                  alias ShopWeb.Endpoint

                  def start(_type, _args) do
                    children = [Shop.Repo, {Endpoint, server: %s}]
                    Supervisor.start_link(children, strategy: :one_for_one)
                  end
                end
                """;
        for (String[] served : new String[][] {{"true", "TRUE"}, {"false", "FALSE"}, {"serve?()", "UNKNOWN"}}) {
            PhoenixApp app = PhoenixApp.read(Sources.index("lib/shop_web/endpoint.ex", ENDPOINT,
                    "lib/shop/application.ex", application.formatted(served[0])));
            assertEquals(served[1], app.childServer("ShopWeb.Endpoint").name(), served[0]);
            assertEquals("FALSE", app.childServer("AdminWeb.Endpoint").name());
        }
    }

    @Test
    void routesWithScopesPipelinesAndForwards() {
        PhoenixApp.Router router = app().routers().get(0);
        List<String> described = router.routes().stream()
                .map(r -> r.method() + " " + r.path() + " " + r.controller() + " " + r.action() + " " + r.pipeThrough())
                .toList();
        assertEquals(List.of(
                "get /up ShopWeb.HealthController up []",
                "get /api/status ShopWeb.Api.StatusController index [api]",
                "post /api/v1/orders ShopWeb.Api.V1.OrderController create [api, auth]",
                "* /api/v1/any ShopWeb.Api.V1.OrderController any [api, auth]",
                "forward /admin/jobs ShopWeb.JobsDashboard null []"), described);
        Route forward = router.routes().get(4);
        assertTrue(forward.isForward());
        assertEquals(List.of("accepts"), router.pipeline("api").plugs().stream().map(PhoenixApp.Plug::function).toList());
        assertEquals("ShopWeb.Auth", router.pipeline("auth").plugs().get(0).module());
    }
}
