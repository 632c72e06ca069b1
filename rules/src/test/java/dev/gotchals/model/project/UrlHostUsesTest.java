package dev.gotchals.model.project;

import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.Sources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlHostUsesTest {
    private static final String ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              @websocket_options [check_origin: false, connect_info: [:uri]]

              socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: []]]
              socket "/socket", ShopWeb.UserSocket, websocket: @websocket_options, longpoll: false

              plug ShopWeb.Router
            end
            """;

    private static UrlHostUses uses(String... more) {
        List<String> sources = new java.util.ArrayList<>(List.of("lib/shop_web/endpoint.ex", ENDPOINT));
        sources.addAll(List.of(more));
        ModuleIndex index = Sources.index(sources.toArray(String[]::new));
        PhoenixApp app = PhoenixApp.read(index);
        return UrlHostUses.of(index, app, app.endpoints().get(0), PageSockets.NO_PAGE_SCRIPTS);
    }

    @Test
    void socketsAreReadWithTheirOwnOriginPolicyThroughModuleAttributes() {
        UrlHostUses uses = uses();
        assertEquals(List.of(new UrlHostUses.Socket("Phoenix.LiveView.Socket", false),
                new UrlHostUses.Socket("ShopWeb.UserSocket", true)), uses.sockets());
        assertFalse(uses.socketsOwnOrigins());
        assertFalse(uses.checksOriginAgainstHost(), "the LiveView socket serves no live route");
        assertFalse(uses.buildsEndpointUrls());
    }

    @Test
    void liveRoutesPutTheLiveViewSocketInUse() {
        UrlHostUses uses = uses("lib/shop_web/router.ex", """
                defmodule ShopWeb.Router do
                  use Phoenix.Router

                  scope "/", ShopWeb do
                    live_session :default do
                      live "/", HomeLive
                    end
                  end
                end
                """);
        assertTrue(uses.checksOriginAgainstHost());
    }

    @Test
    void aChannelSocketLeftOnTheDefaultCheckCountsUnlessTheProjectHandledBrowserOriginsElsewhere() {
        String endpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop

                  socket "/socket", ShopWeb.UserSocket, websocket: true
                  socket "/devices", ShopWeb.DeviceSocket, websocket: [timeout: 45_000]

                  plug ShopWeb.Router
                end
                """;
        ModuleIndex index = Sources.index("lib/shop_web/endpoint.ex", endpoint);
        PhoenixApp app = PhoenixApp.read(index);
        assertTrue(UrlHostUses.of(index, app, app.endpoints().get(0), PageSockets.NO_PAGE_SCRIPTS)
                .checksOriginAgainstHost(), "nothing handles origins");

        index = Sources.index("lib/shop_web/endpoint.ex", endpoint.replace("websocket: true",
                "websocket: [check_origin: {ShopWeb.Origins, :allowed?, []}]"));
        app = PhoenixApp.read(index);
        assertFalse(UrlHostUses.of(index, app, app.endpoints().get(0), PageSockets.NO_PAGE_SCRIPTS)
                .checksOriginAgainstHost(),
                "the browsers' socket checks its own origins; the device socket's clients send no Origin");
    }

    @Test
    void aChannelSocketCountsOnlyWhenBrowsersMayConnectToIt() {
        ModuleIndex index = Sources.index("lib/shop_web/endpoint.ex", """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop

                  socket "/socket", ShopWeb.UserSocket, websocket: true
                end
                """, "lib/shop_web/router.ex", """
                defmodule ShopWeb.Router do
                  use Phoenix.Router

                  live "/", ShopWeb.HomeLive
                end
                """);
        PhoenixApp app = PhoenixApp.read(index);
        PhoenixApp.Endpoint endpoint = app.endpoints().get(0);
        assertTrue(UrlHostUses.of(index, app, endpoint, PageSockets.OPENED).checksOriginAgainstHost());
        assertTrue(UrlHostUses.of(index, app, endpoint, PageSockets.NO_PAGE_SCRIPTS).checksOriginAgainstHost(),
                "clients not in sight");
        assertFalse(UrlHostUses.of(index, app, endpoint, PageSockets.NONE_OPENED).checksOriginAgainstHost(),
                "no page opens a socket: no browser connects to the channel socket");

        ModuleIndex live = Sources.index("lib/shop_web/endpoint.ex", """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop

                  socket "/live", Phoenix.LiveView.Socket
                end
                """, "lib/shop_web/router.ex", """
                defmodule ShopWeb.Router do
                  use Phoenix.Router

                  live "/", ShopWeb.HomeLive
                end
                """);
        PhoenixApp liveApp = PhoenixApp.read(live);
        assertTrue(UrlHostUses.of(live, liveApp, liveApp.endpoints().get(0), PageSockets.NONE_OPENED)
                .checksOriginAgainstHost(), "live routes decide the LiveView socket");
    }

    @Test
    void absoluteUrlsFromTheEndpointAreSeenButNotThoseFromARequest() {
        assertFalse(uses("lib/shop_web/feed.ex", "defmodule ShopWeb.Feed do\n  def base(conn), do: url(conn, ~p\"/\")\nend\n")
                .buildsEndpointUrls());
        for (String call : List.of("url(~p\"/confirm\")", "Routes.page_url(ShopWeb.Endpoint, :index)",
                "ShopWeb.Endpoint.url()", "ShopWeb.Endpoint.static_url()")) {
            assertTrue(uses("lib/shop/mail.ex", "defmodule Shop.Mail do\n  def link, do: " + call + "\nend\n")
                    .buildsEndpointUrls(), call);
        }
    }
}
