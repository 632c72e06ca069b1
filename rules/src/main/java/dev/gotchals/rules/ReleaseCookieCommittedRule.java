package dev.gotchals.rules;

import dev.gotchals.model.project.ReleaseCookies;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * GT019 release-cookie-committed: a literal Erlang cookie in the repository for a release that runs distributed.
 */
public final class ReleaseCookieCommittedRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT019", "release-cookie-committed",
            "Erlang cookie committed for a distributed release", Severity.ERROR, """
            **What it finds.** A literal Erlang cookie for the release: `cookie: "…"` in a mix.exs `releases` \
            entry, `RELEASE_COOKIE=…` in `rel/env.sh.eex` (or its fallback there, `${RELEASE_COOKIE:-…}`: a \
            literal or the release's name, which the release uses wherever the environment does not set the \
            variable), the same in a script a production image starts the release through (`rel/overlays/bin/server` \
            exporting `RELEASE_COOKIE="${RELEASE_COOKIE:-app_cookie}"`), `ENV RELEASE_COOKIE=…` in a production \
            Dockerfile, or \
            `RELEASE_COOKIE` in `fly.toml`'s `[env]`, in the `env:` of a Kubernetes manifest or a committed `Secret` \
            (its `data:`, `stringData:` or a kustomization's `secretGenerator` literals; Helm charts aside: \
            their values are defaults meant to be overridden), in the `environment:` of a Compose service that \
            runs the release for the public (as GT005 reads them) or in the `environment` of a NixOS service \
            (`systemd.services.<name>`) of a project that Nix builds with `mixRelease`, or `set cookie:` in the prod environment of a \
            Distillery `rel/config.exs` (unless the vm.args a profile's `vm_args:` names sets `-setcookie` from \
            elsewhere, mix.exs configures \
            Elixir's own `releases:` beside it, or Distillery older than 2.1 meets Elixir 1.9 or later, whose own \
            `mix release` task is then the one that runs and reads none of Distillery's files), or a literal `-setcookie mymagiccookie` in the release's vm.args \
            (the file a Distillery profile's `vm_args:` names: without one Distillery writes its own and never reads \
            a `rel/vm.args` beside it; exrm's `rel/vm.args`; Elixir's `rel/vm.args.eex`); the \
            same for a \
            variable the release's own files turn into the cookie (`RELEASE_COOKIE=$NODE_COOKIE` in \
            `rel/env.sh.eex`, `-setcookie ${NODE_COOKIE}` in vm.args); in a project whose release \
            runs distributed: it depends on a \
            clustering library (libcluster, given topologies in config or a `Cluster.Supervisor` in the code; \
            Horde, Swarm, Peerage; dns_cluster, which `mix phx.new` adds to \
            every app, only where a deployment names `DNS_CLUSTER_QUERY`), sets `RELEASE_NODE`, \
            `RELEASE_DISTRIBUTION` or `DNS_CLUSTER_QUERY` (in the release's files or where it runs: a Dockerfile, \
            fly.toml, a Compose service), names its node for other hosts in the release's vm.args \
            (`-name shop@${NODE_HOST}`), calls `Node.connect`/`Node.ping`, or starts with \
            `--name`/`--sname`. Not reported: a cookie read from the environment or a file (`$RELEASE_COOKIE`, \
            `System.get_env`, `<%= … %>`), the random cookie `mix release` generates when none is set, a \
            committed cookie the project's code replaces at boot (`Node.set_cookie(node, cookie)` with a cookie it \
            reads, as a config provider that fetches it from a secrets manager does), and a \
            release that turns distribution off (`RELEASE_DISTRIBUTION=none`; where `rel/env.sh.eex` turns it off \
            in one branch, the node it names in another shows nothing), and a project that shows no deployment \
            (no Dockerfile, `fly.toml`, Procfile, Kubernetes/Helm manifests that run something (a `Service` or \
            `Ingress` alone runs nothing), CI workflow that builds the release or \
            build script that packages or sends it, and no public domain that prod config serves, such as \
            `url: [host: "shop.com"]`): a demo whose nodes meet on the developer's machine.

            **Why it matters.** The cookie is the only credential of Erlang distribution. Whoever knows it and \
            reaches a node's distribution port (EPMD on 4369, the node's own port, over the private network of \
            the platform or a misconfigured firewall) can connect a node of their own and run any code: \
            `:rpc.call(node, System, :cmd, ["sh", ["-c", "…"]])`. A cookie in the repository is known to everyone \
            who can read it, its history and its forks, forever.

            **Instead.** Leave the cookie out of the repository: set `RELEASE_COOKIE` as a secret of the platform \
            (`fly secrets set RELEASE_COOKIE=…`, a Kubernetes secret) so every node of the cluster shares it, or \
            let `mix release` generate one when all nodes run the same build. Rotate the committed one: it stays \
            in the history.

            **Fix.** None automatic: the cookie must be rotated and the new one stored as a secret.""", """
            ```elixir
            # mix.exs, with {:libcluster, "~> 3.3"} among the deps and its topologies in config
            releases: [shop: [cookie: "shop-cookie-1234"]]
            ```
            """, """
            ```bash
            # rel/env.sh.eex: the cookie comes from the platform's secrets
            export RELEASE_DISTRIBUTION=name
            export RELEASE_NODE="shop@${FLY_PRIVATE_IP}"
            # RELEASE_COOKIE is set with `fly secrets set RELEASE_COOKIE=…`
            ```
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ReleaseCookies cookies = ReleaseCookies.of(project);
        String distribution = cookies.committed().isEmpty() || !cookies.deployed() || cookies.setAtBoot() ? null
                : cookies.distribution();
        if (distribution == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (ReleaseCookies.Cookie cookie : cookies.committed()) {
            String message = "A literal Erlang cookie is committed in " + cookie.where() + ", and the release runs "
                    + "distributed (the project " + distribution + "): anyone who can read the repository and reach a "
                    + "node can connect to it and run any code. " + (cookie.inSecret()
                    ? "Create the Secret outside the repository (`kubectl create secret`, a sealed or external secret)"
                    : "Set RELEASE_COOKIE as a secret instead") + ", and rotate this one.";
            findings.add(new Finding(INFO, INFO.defaultSeverity(), cookie.file(), cookie.start(), cookie.end(), message,
                    List.of()));
        }
        return findings;
    }
}
