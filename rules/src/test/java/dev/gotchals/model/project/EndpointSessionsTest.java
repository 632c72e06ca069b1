package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSessionsTest {
    private static final String ENDPOINT = "ShopWeb.Endpoint";
    private static final String SESSION_ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              @session_options [store: :cookie, key: "_shop_key", signing_salt: "abc"]

              socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: @session_options]]

              plug Plug.Session, @session_options
              plug ShopWeb.Router
            end
            """;
    private static final String API_ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              socket "/live", Phoenix.LiveView.Socket

              plug Plug.Parsers, parsers: [:json], json_decoder: Jason
              plug ShopWeb.Router
            end
            """;
    private static final String API_ROUTER = """
            defmodule ShopWeb.Router do
              use Phoenix.Router

              pipeline :api do
                plug :accepts, ["json"]
              end

              scope "/api", ShopWeb do
                pipe_through :api
                get "/blocks", BlockController, :index
              end

              if Application.compile_env(:shop, :enable_dashboard, false) do
                import Phoenix.LiveDashboard.Router
                live_dashboard "/dashboard"
              end
            end
            """;

    @TempDir
    Path temp;
    private int projects;

    private EndpointSessions sessions(String... files) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < files.length; i += 2) {
            map.put(files[i], files[i + 1]);
        }
        return EndpointSessions.of(ConfigProject.open(temp.resolve("project" + projects++), map));
    }

    @Test
    void aSessionWrittenAtSignInIsCarriedByTheLiveViewSocket() {
        EndpointSessions sessions = sessions("lib/shop_web/endpoint.ex", SESSION_ENDPOINT,
                "lib/shop_web/router.ex", """
                defmodule ShopWeb.Router do
                  use Phoenix.Router
                  live "/", ShopWeb.PageLive
                end
                """,
                "lib/shop_web/user_auth.ex", """
                defmodule ShopWeb.UserAuth do
                  import Plug.Conn

                  def log_in_user(conn, user, after_sign_in \\ & &1) do
                    after_sign_in.(conn)
                    |> configure_session(renew: true)
                    |> put_session(:user_token, user.token)
                  end
                end
                """);
        assertTrue(sessions.socketCarriesSession(ENDPOINT));
        assertTrue(sessions.knowsVisitors());
        assertTrue(sessions.signsWithSecretKeyBase(ENDPOINT));
    }

    @Test
    void aSessionNothingWritesHoldsNoVisitor() {
        EndpointSessions sessions = sessions("lib/shop_web/endpoint.ex", SESSION_ENDPOINT,
                "lib/shop_web/router.ex", """
                defmodule ShopWeb.Router do
                  use Phoenix.Router

                  pipeline :browser do
                    plug :fetch_session
                    plug :protect_from_forgery
                  end

                  scope "/", ShopWeb do
                    pipe_through :browser
                    live "/", ExplorerLive
                  end

                  # you can use Plug.BasicAuth to set up some basic authentication
                end
                """);
        assertTrue(sessions.socketCarriesSession(ENDPOINT));
        assertFalse(sessions.knowsVisitors(), "a comment naming Plug.BasicAuth authenticates nobody");
        assertTrue(sessions.signsWithSecretKeyBase(ENDPOINT), "the cookie session and the live route sign with it");
    }

    @Test
    void basicAuthPowAndGuardianSessionsKnowTheirVisitors() {
        assertTrue(sessions("lib/shop_web/plugs.ex", """
                defmodule ShopWeb.Plugs do
                  def basic_auth(conn, _opts), do: Plug.BasicAuth.basic_auth(conn, username: "u", password: "p")
                end
                """).knowsVisitors());
        assertTrue(sessions("lib/shop_web/session_controller.ex", """
                defmodule ShopWeb.SessionController do
                  def create(conn, params), do: Pow.Plug.authenticate_user(conn, params)
                end
                """).knowsVisitors());
        assertTrue(sessions("lib/shop_web/session_controller.ex", """
                defmodule ShopWeb.SessionController do
                  def create(conn, user), do: Shop.Guardian.Plug.sign_in(conn, user)
                end
                """).knowsVisitors());
    }

    @Test
    void aSocketWithoutACookieSessionCarriesNone() {
        EndpointSessions sessions = sessions("lib/shop_web/ws_endpoint.ex", """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop

                  socket "/websocket", ShopWeb.SocketHandler,
                    websocket: [connect_info: [session: [store: :cookie, key: "_ws", signing_salt: "x"]]]
                end
                """);
        assertFalse(sessions.socketCarriesSession(ENDPOINT), "no Plug.Session ever writes the cookie it reads");
        assertFalse(sessions.signsWithSecretKeyBase(ENDPOINT));
    }

    @Test
    void aJsonApiSignsNothingWhenItsDashboardIsOffInProd() {
        assertFalse(sessions("lib/shop_web/endpoint.ex", API_ENDPOINT, "lib/shop_web/router.ex", API_ROUTER,
                "config/dev.exs", "import Config\nconfig :shop, enable_dashboard: true\n")
                .signsWithSecretKeyBase(ENDPOINT));
        assertTrue(sessions("lib/shop_web/endpoint.ex", API_ENDPOINT, "lib/shop_web/router.ex", API_ROUTER,
                "config/config.exs", "import Config\nconfig :shop, enable_dashboard: true\n")
                .signsWithSecretKeyBase(ENDPOINT), "the dashboard's live route is compiled into prod");
    }

    @Test
    void tokensSignedCookiesAndReadsOfTheKeySignWithIt() {
        assertTrue(sessions("lib/shop_web/endpoint.ex", API_ENDPOINT, "lib/shop_web/auth.ex", """
                defmodule ShopWeb.Auth do
                  def token(user), do: Phoenix.Token.sign(ShopWeb.Endpoint, "user", user.id)
                end
                """).signsWithSecretKeyBase(ENDPOINT));
        assertTrue(sessions("lib/shop_web/endpoint.ex", API_ENDPOINT, "lib/shop_web/prefs.ex", """
                defmodule ShopWeb.Prefs do
                  def remember(conn, value), do: Plug.Conn.put_resp_cookie(conn, "prefs", value, sign: true)
                end
                """).signsWithSecretKeyBase(ENDPOINT));
        assertTrue(sessions("lib/shop_web/endpoint.ex", API_ENDPOINT, "lib/shop/crypto.ex", """
                defmodule Shop.Crypto do
                  def key, do: ShopWeb.Endpoint.config(:secret_key_base)
                end
                """).signsWithSecretKeyBase(ENDPOINT));
        assertTrue(sessions().signsWithSecretKeyBase(ENDPOINT), "an endpoint not in sight may sign anything");
        assertTrue(sessions().socketCarriesSession(ENDPOINT));
    }
}
