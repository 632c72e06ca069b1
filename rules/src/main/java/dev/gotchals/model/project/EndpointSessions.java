package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.util.List;
import java.util.Set;

/**
 * What an endpoint's cookie session and {@code secret_key_base} carry in production: whether its sockets read the
 * visitor's cookie session, whether the app keeps who its visitors are, and whether anything signs with the key.
 * Read from the code under {@code lib/}; an endpoint module not in sight is assumed to do all of it.
 */
public final class EndpointSessions {
    /** Calls that write the cookie session: {@code put_session/3}, {@code configure_session/2} (renew, drop). */
    private static final Set<String> SESSION_WRITES = Set.of("put_session", "configure_session");
    /**
     * A word of each thing {@link #read} looks for, as it is written in the file (an alias, an atom or keyword, a
     * function's name): a file that has none of them is not parsed. Keep it in step with {@link #read}.
     */
    static final List<String> WORDS = List.of("Plug.Session", "Plug.BasicAuth", "Pow.", "Guardian.Plug.VerifySession",
            "Phoenix.Token", "secret_key_base", "put_session", "configure_session", "sign_in", "put_resp_cookie",
            "get_session");
    /**
     * Packages that sign visitors in by themselves, writing the session or tokens from their own code (Coherence,
     * Ueberauth's strategies, Ash's authentication); {@code ueberauth_*} strategies count too.
     */
    private static final Set<String> AUTHENTICATION_PACKAGES = Set.of("pow", "pow_assent", "guardian", "ueberauth",
            "coherence", "ash_authentication", "ash_authentication_phoenix", "assent", "addict", "sentinel", "doorman",
            "phauxth", "openmaize", "samly", "openid_connect", "oidcc", "passwordless", "shield");

    private final ProjectContext project;
    private final ProjectModel model;
    private boolean scanned;
    private boolean writesSession;
    private boolean readsSession;
    private boolean authenticates;
    private boolean cookieSession;
    private boolean signsInCode;

    private EndpointSessions(ProjectContext project) {
        this.project = project;
        this.model = ProjectModel.of(project);
    }

    public static EndpointSessions of(ProjectContext project) {
        return project.model(EndpointSessions.class, EndpointSessions::new);
    }

    /**
     * Whether a socket of the endpoint reads the visitor's cookie session: its {@code connect_info} passes the
     * session (the generated LiveView socket) and the app has a cookie session ({@code Plug.Session}) for it to read.
     * The LiveView socket counts only when a router serves a LiveView: without one no page opens it.
     */
    public boolean socketCarriesSession(String endpoint) {
        PhoenixApp.Endpoint module = endpoint(endpoint);
        if (module == null) {
            return true;
        }
        SyntaxTree tree = module.module().tree();
        return module.sockets().stream().anyMatch(socket -> tree.mentions(socket, "session")
                && (!isLiveViewSocket(tree, socket) || LiveRoutes.of(project).served())) && scan().cookieSession;
    }

    /** Whether a {@code socket "/live", Phoenix.LiveView.Socket, …} declaration names LiveView's own socket. */
    private static boolean isLiveViewSocket(SyntaxTree tree, Node socket) {
        List<Node> arguments = ElixirSyntax.arguments(socket);
        return arguments.size() > 1 && tree.text(arguments.get(1)).equals("Phoenix.LiveView.Socket");
    }

    /**
     * Whether the app knows who its visitors are through their browser: it writes or reads the session
     * ({@code put_session}, {@code configure_session}, {@code get_session}), signs them in with Pow or Guardian's
     * plug or an authentication package, or asks for HTTP basic auth. Without that the session holds nothing of the
     * visitor's but its CSRF token.
     */
    public boolean knowsVisitors() {
        scan();
        return writesSession || readsSession || authenticates || model.mixfiles().stream()
                .flatMap(mixfile -> mixfile.deps().stream())
                .anyMatch(dependency -> AUTHENTICATION_PACKAGES.contains(dependency.name())
                        || dependency.name().startsWith("ueberauth_"));
    }

    /**
     * Whether a committed {@code secret_key_base} of the endpoint would give nothing away today: the endpoint is in
     * sight, the app knows nothing of its visitors ({@link #knowsVisitors}) and nothing but the session and
     * LiveView signs with the key. A forged cookie then carries only a CSRF token of the forger's own.
     */
    public boolean keyGuardsNothing(String endpoint) {
        return endpoint(endpoint) != null && !knowsVisitors() && !scan().signsInCode;
    }

    /**
     * Whether anything signs with the endpoint's {@code secret_key_base} in production: a cookie session, a
     * LiveView route (Phoenix signs the LiveView's session with it), {@code Phoenix.Token}, signed or encrypted
     * cookies, code that reads the key, or Pow. True for an endpoint module not in sight.
     */
    public boolean signsWithSecretKeyBase(String endpoint) {
        if (endpoint(endpoint) == null || model.dependsOn("pow")) {
            return true;
        }
        scan();
        return cookieSession || writesSession || signsInCode || LiveRoutes.of(project).served();
    }

    /**
     * Whether anything signs with the endpoint's key without a request to it: {@code Phoenix.Token}, signed or
     * encrypted cookies, or code that reads the key. True for an endpoint module not in sight.
     */
    public boolean signsOutsideRequests(String endpoint) {
        return endpoint(endpoint) == null || scan().signsInCode;
    }

    private PhoenixApp.Endpoint endpoint(String name) {
        for (PhoenixApp.Endpoint endpoint : model.phoenix().endpoints()) {
            if (endpoint.module().name().equals(name)) {
                return endpoint;
            }
        }
        return null;
    }

    private synchronized EndpointSessions scan() {
        if (!scanned) {
            for (DocumentSnapshot file : project.files(FileRole.ELIXIR_SOURCE)) {
                if (file.isParsed() && WORDS.stream().anyMatch(file.text().text()::contains)) {
                    SyntaxTree tree = file.tree();
                    tree.root().forEachDescendant(node -> read(tree, node));
                }
            }
            scanned = true;
        }
        return this;
    }

    private void read(SyntaxTree tree, Node node) {
        if (node.is("alias")) {
            String alias = tree.text(node);
            cookieSession |= alias.equals("Plug.Session");
            authenticates |= alias.equals("Plug.BasicAuth") || alias.startsWith("Pow.")
                    || alias.equals("Guardian.Plug.VerifySession");
            signsInCode |= alias.equals("Phoenix.Token");
        } else if (node.is("atom") || node.is("keyword") || node.is("identifier")) {
            signsInCode |= tree.text(node).replaceAll("[:\\s]", "").equals("secret_key_base");
        } else if (node.is("call")) {
            String function = calledFunction(tree, node);
            if (function == null) {
                return; // an anonymous function's call, fun.(…)
            }
            writesSession |= SESSION_WRITES.contains(function)
                    || "sign_in".equals(function) && tree.text(node).contains("Guardian");
            readsSession |= "get_session".equals(function);
            signsInCode |= "put_resp_cookie".equals(function)
                    && (tree.mentions(node, "sign: true") || tree.mentions(node, "encrypt: true"));
        }
    }

    /** The function a local or remote call names ({@code put_session} for {@code Plug.Conn.put_session(…)}), or null. */
    private static String calledFunction(SyntaxTree tree, Node call) {
        String local = ElixirSyntax.localCallName(tree, call);
        if (local != null) {
            return local;
        }
        Node target = call.child("target");
        Node right = target != null && target.is("dot") ? target.child("right") : null;
        return right != null && right.is("identifier") ? tree.text(right) : null;
    }
}
