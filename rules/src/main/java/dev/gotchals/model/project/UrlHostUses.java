package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What depends on an endpoint's configured URL host: the origin check of its sockets (Phoenix compares a websocket's
 * {@code Origin} with the host unless {@code check_origin} says otherwise), and absolute URLs the code builds from
 * the endpoint rather than from a request. A socket's check matters only for the browsers that connect to it: the
 * LiveView socket's are those of the routers' live routes ({@link LiveRoutes}), a channel socket's those of pages
 * whose scripts open a socket ({@link PageSockets}).
 */
public final class UrlHostUses {
    private static final String LIVE_VIEW_SOCKET = "Phoenix.LiveView.Socket";
    /**
     * Absolute URLs built without a request: verified routes' {@code url(~p"…")}, path helpers' {@code *_url(Endpoint,
     * …)} and {@code Endpoint.url()}/{@code static_url}.
     */
    private static final Pattern ENDPOINT_URL = Pattern.compile(
            "\\burl\\(\\s*~p|_url\\(\\s*[A-Z][\\w.]*Endpoint\\b|Endpoint\\.(url|static_url)\\(");
    /** What every match of {@link #ENDPOINT_URL} holds: a file without it builds no URL. */
    static final String URL_CALL = "url(";

    /**
     * A {@code socket} of the endpoint.
     *
     * @param module      the socket module, by full name
     * @param ownsOrigins whether its transport options set {@code check_origin} themselves
     * @param serves      whether a client has something to join: false for a {@code use Phoenix.Socket} module that
     *                    routes no {@code channel} (the generated UserSocket with its examples commented out)
     */
    public record Socket(String module, boolean ownsOrigins, boolean serves) {
    }

    private final List<Socket> sockets;
    private final boolean liveRoutes;
    private final PageSockets pages;
    private final boolean buildsUrls;

    private UrlHostUses(List<Socket> sockets, boolean liveRoutes, PageSockets pages, boolean buildsUrls) {
        this.sockets = sockets;
        this.liveRoutes = liveRoutes;
        this.pages = pages;
        this.buildsUrls = buildsUrls;
    }

    /**
     * Reads the endpoint's sockets and the URL building of every module; {@code live} tells whether the routers serve a
     * LiveView, {@code pages} whether the project's pages open sockets.
     */
    public static UrlHostUses of(ModuleIndex index, PhoenixApp.Endpoint endpoint, LiveRoutes live, PageSockets pages) {
        boolean urls = false;
        for (Module module : index.inFilesMentioning(URL_CALL)) {
            Deadline.check();
            urls |= ENDPOINT_URL.matcher(module.tree().text(module.node())).find();
        }
        return new UrlHostUses(sockets(index, endpoint.module()), live.served(), pages, urls);
    }

    /** The endpoint's {@code socket} lines. */
    public List<Socket> sockets() {
        return sockets;
    }

    /**
     * Whether a browser's socket compares origins with the host: one that leaves {@code check_origin} to the endpoint
     * and is in use by browsers. The LiveView socket of a router with {@code live} routes always is. A channel socket
     * is when browsers may connect to it (the project's page scripts open a socket, or its pages are not in sight),
     * unless another socket of the endpoint sets its own {@code check_origin}: the project then handled browser
     * origins on the sockets browsers use, and the one left on the default serves clients that send no
     * {@code Origin} (servers, devices), which Phoenix lets through.
     */
    public boolean checksOriginAgainstHost() {
        boolean originsHandled = sockets.stream().anyMatch(Socket::ownsOrigins);
        boolean browserChannels = pages.browsersMayConnect() && !originsHandled;
        return sockets.stream().anyMatch(socket -> !socket.ownsOrigins() && (socket.module().equals(LIVE_VIEW_SOCKET)
                ? liveRoutes : browserChannels && socket.serves()));
    }

    /** Whether every socket sets its own {@code check_origin}: the endpoint's host decides no origin (none when no socket). */
    public boolean socketsOwnOrigins() {
        return !sockets.isEmpty() && sockets.stream().allMatch(Socket::ownsOrigins);
    }

    /** Whether the code builds absolute URLs from the endpoint, where the host ends up in links and redirects. */
    public boolean buildsEndpointUrls() {
        return buildsUrls;
    }

    private static List<Socket> sockets(ModuleIndex index, Module endpoint) {
        SyntaxTree tree = endpoint.tree();
        List<Socket> found = new ArrayList<>();
        for (Node statement : endpoint.body()) {
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (!"socket".equals(ElixirSyntax.localCallName(tree, statement)) || arguments.size() < 2
                    || !arguments.get(1).is("alias")) {
                continue;
            }
            boolean owns = false;
            for (Node transport : ElixirSyntax.keywordPairs(statement)) {
                owns |= setsCheckOrigin(endpoint, transport.child("value"));
            }
            String module = endpoint.resolve(tree.text(arguments.get(1)));
            found.add(new Socket(module, owns, !routesNoChannel(index.find(module))));
        }
        return List.copyOf(found);
    }

    /**
     * Whether a socket module is a plain {@code Phoenix.Socket} without a {@code channel} route: a client may connect
     * but has nothing to join. Another kind of socket (Absinthe's, a LiveView's) or one not in sight may serve anything.
     */
    private static boolean routesNoChannel(Module socket) {
        if (socket == null || !socket.uses("Phoenix.Socket", null)) {
            return false;
        }
        SyntaxTree tree = socket.tree();
        for (Node statement : socket.body()) {
            String call = ElixirSyntax.localCallName(tree, statement);
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if ("channel".equals(call) || "use".equals(call) && !arguments.isEmpty()
                    && !"Phoenix.Socket".equals(tree.text(arguments.get(0)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether transport options ({@code [check_origin: false]}, or {@code @websocket_options}) set check_origin. */
    private static boolean setsCheckOrigin(Module module, Node options) {
        SyntaxTree tree = module.tree();
        if (options != null && options.is("unary_operator") && tree.text(options).startsWith("@")) {
            String name = tree.text(options).substring(1).strip();
            options = module.attribute(name);
        }
        if (options == null) {
            return false;
        }
        for (Node pair : ElixirSyntax.pairsOf(options)) {
            if ("check_origin".equals(ElixirSyntax.keywordName(tree, pair))) {
                return true;
            }
        }
        return false;
    }
}
