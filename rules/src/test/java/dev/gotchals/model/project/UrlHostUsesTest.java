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

    /** An endpoint with one channel socket that leaves check_origin to the endpoint. */
    private static final String ONE_SOCKET_ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              socket "/socket", ShopWeb.UserSocket, websocket: true
            end
            """;

    private static UrlHostUses uses(String... more) {
        return uses(LiveRoutes.NONE, more);
    }

    private static UrlHostUses uses(LiveRoutes live, String... more) {
        List<String> sources = new java.util.ArrayList<>(List.of("lib/shop_web/endpoint.ex", ENDPOINT));
        sources.addAll(List.of(more));
        ModuleIndex index = Sources.index(sources.toArray(String[]::new));
        return UrlHostUses.of(index, PhoenixApp.read(index).endpoints().get(0), live, PageSockets.NO_PAGE_SCRIPTS);
    }

    private static UrlHostUses uses(String endpoint, LiveRoutes live, PageSockets pages) {
        ModuleIndex index = Sources.index("lib/shop_web/endpoint.ex", endpoint);
        return UrlHostUses.of(index, PhoenixApp.read(index).endpoints().get(0), live, pages);
    }

    @Test
    void socketsAreReadWithTheirOwnOriginPolicyThroughModuleAttributes() {
        UrlHostUses uses = uses();
        assertEquals(List.of(new UrlHostUses.Socket("Phoenix.LiveView.Socket", false, true),
                new UrlHostUses.Socket("ShopWeb.UserSocket", true, true)), uses.sockets());
        assertFalse(uses.socketsOwnOrigins());
        assertFalse(uses.checksOriginAgainstHost(), "the LiveView socket serves no live route");
        assertFalse(uses.buildsEndpointUrls());
    }

    @Test
    void liveRoutesPutTheLiveViewSocketInUse() {
        assertTrue(uses(LiveRoutes.SERVED).checksOriginAgainstHost());
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
        assertTrue(uses(endpoint, LiveRoutes.NONE, PageSockets.NO_PAGE_SCRIPTS).checksOriginAgainstHost(),
                "nothing handles origins");
        assertFalse(uses(endpoint.replace("websocket: true", "websocket: [check_origin: {ShopWeb.Origins, :allowed?, []}]"),
                        LiveRoutes.NONE, PageSockets.NO_PAGE_SCRIPTS).checksOriginAgainstHost(),
                "the browsers' socket checks its own origins; the device socket's clients send no Origin");
    }

    @Test
    void aPhoenixSocketThatRoutesNoChannelServesNothingToReject() {
        String socket = """
                defmodule ShopWeb.UserSocket do
                  use Phoenix.Socket

                  ## Channels
                  # channel "room:*", ShopWeb.RoomChannel

                  def connect(_params, socket, _connect_info), do: {:ok, socket}
                  def id(_socket), do: nil
                end
                """;
        UrlHostUses uses = withSocket(socket);
        assertEquals(List.of(new UrlHostUses.Socket("ShopWeb.UserSocket", false, false)), uses.sockets());
        assertFalse(uses.checksOriginAgainstHost(), "no channel to join: a rejected connection loses nothing");

        assertTrue(withSocket(socket.replace("# channel", "channel")).checksOriginAgainstHost(),
                "a routed channel is joined through the socket");
        assertTrue(withSocket(socket.replace("use Phoenix.Socket",
                        "use Phoenix.Socket\n  use Absinthe.Phoenix.Socket, schema: Shop.Schema")).checksOriginAgainstHost(),
                "Absinthe serves subscriptions without channel lines");
    }

    private static UrlHostUses withSocket(String socket) {
        ModuleIndex index = Sources.index("lib/shop_web/endpoint.ex", ONE_SOCKET_ENDPOINT, "lib/shop_web/user_socket.ex", socket);
        return UrlHostUses.of(index, PhoenixApp.read(index).endpoints().get(0), LiveRoutes.NONE,
                PageSockets.NO_PAGE_SCRIPTS);
    }

    @Test
    void aChannelSocketCountsOnlyWhenBrowsersMayConnectToIt() {
        assertTrue(uses(ONE_SOCKET_ENDPOINT, LiveRoutes.SERVED, PageSockets.OPENED).checksOriginAgainstHost());
        assertTrue(uses(ONE_SOCKET_ENDPOINT, LiveRoutes.SERVED, PageSockets.NO_PAGE_SCRIPTS).checksOriginAgainstHost(),
                "clients not in sight");
        assertFalse(uses(ONE_SOCKET_ENDPOINT, LiveRoutes.SERVED, PageSockets.NONE_OPENED).checksOriginAgainstHost(),
                "no page opens a socket: no browser connects to the channel socket");

        String live = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop

                  socket "/live", Phoenix.LiveView.Socket
                end
                """;
        assertTrue(uses(live, LiveRoutes.SERVED, PageSockets.NONE_OPENED).checksOriginAgainstHost(),
                "live routes decide the LiveView socket");
        assertFalse(uses(live, LiveRoutes.NONE, PageSockets.OPENED).checksOriginAgainstHost());
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
