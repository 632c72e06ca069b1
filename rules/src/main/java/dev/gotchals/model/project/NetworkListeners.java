package dev.gotchals.model.project;

import dev.gotchals.mix.MixExs;
import dev.gotchals.model.MixLock;
import dev.gotchals.rule.ProjectContext;

import java.util.Set;

/**
 * Whether the project's release can serve anything over the network. A release whose whole dependency tree holds
 * no web or socket server and whose code opens no listening socket is a tool (a command-line import, a load
 * generator): what it runs as matters far less than for a service that answers strangers.
 */
public final class NetworkListeners {
    /** Packages that accept connections: web servers, and the socket acceptors and RPC servers under them. */
    private static final Set<String> SERVERS = Set.of("phoenix", "plug_cowboy", "bandit", "cowboy", "ranch",
            "thousand_island", "elli", "mochiweb", "grpc", "gen_smtp", "yaws", "ace", "chatterbox");
    /** Erlang calls that open a listening socket in the project's own code. */
    private static final Set<String> LISTENS = Set.of(":gen_tcp.listen", ":ssl.listen", ":gen_udp.open");

    private NetworkListeners() {
    }

    /**
     * Whether the release is known to listen on nothing: the project has a mix.lock, neither it nor a mix.exs of the
     * project names a server package, and no module of the project opens a socket itself. False when unsure.
     */
    public static boolean listensOnNothing(ProjectContext project) {
        Set<String> locked = MixLock.of(project).packages();
        if (locked == null || SERVERS.stream().anyMatch(locked::contains)) {
            return false;
        }
        ProjectModel model = ProjectModel.of(project);
        for (MixExs mixfile : model.mixfiles()) {
            if (!mixfile.depsComplete() || SERVERS.stream().anyMatch(server -> mixfile.dependency(server) != null)) {
                return false;
            }
        }
        return LISTENS.stream().allMatch(call -> model.modules().inFilesMentioning(call).isEmpty());
    }
}
