package dev.gotchals.model.project;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.mix.MixExs;
import dev.gotchals.mix.Release;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ReleaseTool;
import dev.gotchals.model.deploy.ComposeServices;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DeploymentVariables;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.FlyToml;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.model.deploy.LaunchCommand;
import dev.gotchals.model.deploy.ManifestEnvironment;
import dev.gotchals.model.deploy.ManifestSecrets;
import dev.gotchals.model.deploy.NixDeployment;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.syntax.Node;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Erlang cookies a project writes down for its release ({@code cookie:} in mix.exs {@code releases},
 * {@code RELEASE_COOKIE} in {@code rel/env.sh.eex}, a production image's {@code ENV}, fly.toml's {@code [env]}, a
 * Kubernetes manifest's {@code env} or committed {@code Secret}, a production Compose service's or a NixOS service's
 * {@code environment}),
 * and whether the release runs distributed: the cookie is then all that stands between a reader of the repository
 * and a remote shell on every node.
 *
 * <p>A value: a keystroke in a file that holds no cookie reruns nothing that asked (a cookie's file is part of it, so
 * an edit of that file does).
 */
public final class ReleaseCookies implements ValueModel {
    /** A node-naming flag of {@code elixir} or {@code iex} ({@code --sname}, {@code --name}) on a start's command line. */
    private static final Pattern NODE_NAME_FLAG = Pattern.compile("(?:^|[\\s\"'\\[,])(--s?name)(?=[\\s\"'=])");
    private static final String COOKIE = "RELEASE_COOKIE";
    /** Distillery's prod environment block in rel/config.exs, up to its {@code end}. */
    private static final Pattern DISTILLERY_PROD = Pattern.compile("(?ms)^environment\\s+:prod\\s+do\\s*$(.*?)^end\\b");
    /** A literal cookie in it: {@code set cookie: :"…"}, {@code :word} or {@code "…"}. */
    private static final Pattern DISTILLERY_COOKIE = Pattern.compile("set\\s*\\(?\\s*cookie:\\s*(:\"(?:[^\"$]|\\$(?!\\{))+\"|:[A-Za-z_][A-Za-z0-9_]*|\"[^\"$#]+\")");
    private static final String DNS_CLUSTER = "dns_cluster";
    /** The variable the generated config gives DNSCluster its query from. */
    private static final String DNS_CLUSTER_QUERY = "DNS_CLUSTER_QUERY";
    /** Libraries that connect the nodes of a deployment into a cluster. */
    private static final String LIBCLUSTER = "libcluster";
    private static final List<String> CLUSTERING = List.of("libcluster", "dns_cluster", "horde", "swarm", "partisan",
            "peerage");
    /** Distillery's own vm.args for a profile: {@code set vm_args: "rel/vm.args"}. */
    private static final Pattern DISTILLERY_VM_ARGS = Pattern.compile("set\\s*\\(?\\s*vm_args:\\s*\"([^\"$#]+)\"");
    /** An overlay that writes the release's vm.args: {@code {:template, "rel/templates/vm.args.eex", "releases/…/vm.args"}}. */
    private static final Pattern DISTILLERY_VM_ARGS_OVERLAY = Pattern.compile(
            "\\{\\s*:(?:template|copy)\\s*,\\s*\"([^\"$#]+)\"\\s*,\\s*\"[^\"]*vm\\.args\"\\s*}");
    /** {@code -setcookie ${NODE_COOKIE}} or {@code -setcookie $NODE_COOKIE} in vm.args. */
    private static final Pattern SET_COOKIE = Pattern.compile("(?m)^\\s*-setcookie\\s+\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?\\s*$");
    /** {@code -setcookie mymagiccookie} in vm.args: a cookie written out, not taken from a variable or the profile. */
    private static final Pattern LITERAL_SET_COOKIE = Pattern.compile("(?m)^\\s*-setcookie\\s+([^\\s$<]\\S*)\\s*$");
    /** {@code -name shop@${NODE_HOST}} in vm.args: the node's host, for a node that other hosts may reach. */
    private static final Pattern NODE_HOST = Pattern.compile("(?m)^\\s*-s?name\\s+[^@\\n]*@(\\S+)");
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1");
    /** {@code "${RELEASE_COOKIE:-fallback}"}: the variable itself, or what is written after {@code :-}. */
    private static final Pattern OWN_FALLBACK = Pattern.compile("\"?\\$\\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)}\"?");
    /** The release's name in rel/env.sh.eex: {@code <%= @release.name %>}. */
    private static final Pattern RELEASE_NAME = Pattern.compile("<%=\\s*@release\\.name\\s*%>");
    /** A value that is only another variable: {@code $NODE_COOKIE}, {@code "${NODE_COOKIE}"}. */
    private static final Pattern VARIABLE = Pattern.compile("\"?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?\"?");
    /** Variables that name the node or the cluster to join. */
    private static final List<String> NODE_VARIABLES = List.of("RELEASE_NODE", "DNS_CLUSTER_QUERY");

    /**
     * A cookie written as a literal.
     *
     * @param where the file and setting, for messages ({@code mix.exs releases cookie:})
     * @param inSecret whether a Kubernetes Secret manifest holds it: the cookie is kept as a secret, only not outside
     *                 the repository
     */
    public record Cookie(DocumentSnapshot file, int start, int end, String where, boolean inSecret) {
        Cookie(DocumentSnapshot file, int start, int end, String where) {
            this(file, start, end, where, false);
        }
    }

    private final List<Cookie> committed = new ArrayList<>();
    private final String distribution;
    private final boolean deployed;
    private final boolean setAtBoot;

    private ReleaseCookies(ProjectContext project) {
        ProjectModel model = ProjectModel.of(project);
        DeployModel deploy = DeployModel.of(project);
        Map<String, String> environment = new LinkedHashMap<>();
        for (MixExs mix : model.mixfiles()) {
            for (Release release : mix.releases()) {
                Node cookie = release.options().get("cookie");
                if (mix.file() != null && release.string("cookie") != null && !release.string("cookie").isEmpty()) {
                    committed.add(new Cookie(mix.file(), release.tree().startOffset(cookie),
                            release.tree().endOffset(cookie), "mix.exs (`cookie:` of release `" + release.name() + "`)"));
                }
            }
        }
        DocumentSnapshot distilleryConfig = ReleaseTool.of(project) == ReleaseTool.DISTILLERY
                ? DistilleryConfig.of(project) : null;
        List<String> vmArgsFiles = releaseVmArgs(distilleryConfig, model.dependsOn("exrm"));
        Cookie distillery = distilleryCookie(project, distilleryConfig);
        if (distillery != null) {
            committed.add(distillery);
        }
        committed.addAll(vmArgsCookies(project, vmArgsFiles));
        Map<String, String> variables = cookieVariables(project, deploy, vmArgsFiles);
        // env.sh.eex may turn distribution off in one branch (`RELEASE_DISTRIBUTION=none` in container mode) and name
        // the node in another: what the script names then proves nothing of where the release runs.
        boolean scriptMayTurnOff = deploy.envScript() != null && deploy.envScript().script().assignments().stream()
                .anyMatch(assignment -> assignment.name().equals("RELEASE_DISTRIBUTION")
                        && "none".equals(assignment.value()));
        if (deploy.envScript() != null) {
            DocumentSnapshot file = deploy.envScript().file();
            for (ShellScript.Assignment assignment : deploy.envScript().script().assignments()) {
                environment.put(assignment.name(), assignment.value());
                addScriptCookie(file, "rel/env.sh.eex", assignment, variables);
            }
        }
        Set<DocumentSnapshot> scriptsRead = new HashSet<>();
        for (DockerImage image : deploy.productionImages()) {
            for (Stage stage : image.dockerfile().stages()) {
                for (Instruction instruction : stage.instructions()) {
                    List<Instruction.Setting> settings = instruction.is("ENV") ? instruction.settings() : List.of();
                    for (int v = 0; v < settings.size(); v++) {
                        // Asked of the setting read once for the text; only a cookie's variable is located.
                        Instruction.Setting setting = settings.get(v);
                        if (!variables.containsKey(setting.name()) || !literal(setting.value())) {
                            continue;
                        }
                        Instruction.Variable variable = instruction.variables().get(v);
                        if (variable.valueNode() != null) {
                            committed.add(new Cookie(image.file(), instruction.tree().startOffset(variable.valueNode()),
                                    instruction.tree().endOffset(variable.valueNode()),
                                    where(project.project().relativize(image.file().path()),
                                            "`ENV " + variable.name() + "`", variables, variable.name())));
                        }
                    }
                }
            }
            if (image.finalStage() != null) {
                image.environment(image.finalStage()).forEach(environment::putIfAbsent);
            }
            startScriptCookies(project, deploy, image, variables, environment, scriptsRead);
        }
        FlyToml fly = deploy.manifests().fly();
        if (fly != null) {
            for (String name : variables.keySet()) {
                String value = fly.environment().get(name);
                int start = fly.environmentValueStart(name);
                if (literal(value) && start >= 0) {
                    committed.add(new Cookie(fly.file(), start, start + value.length(),
                            where("fly.toml", "`[env]` " + name, variables, name)));
                }
            }
            fly.environment().forEach(environment::putIfAbsent);
        }
        for (ManifestEnvironment.Variable variable : ManifestEnvironment.of(project).variables()) {
            if (variables.containsKey(variable.name()) && literal(variable.value())) {
                committed.add(new Cookie(variable.file(), variable.start(), variable.end(),
                        where(project.project().relativize(variable.file().path()),
                                "`env` " + variable.name(), variables, variable.name())));
            }
        }
        // A Secret's key becomes the variable of the same name where a pod takes the Secret whole (`envFrom`).
        for (ManifestSecrets.Entry entry : ManifestSecrets.of(project).entries()) {
            if (variables.containsKey(entry.name()) && literal(entry.value())) {
                committed.add(new Cookie(entry.file(), entry.start(), entry.end(),
                        where(project.project().relativize(entry.file().path()),
                                (entry.generated() ? "a `secretGenerator` literal " : "the Secret's ") + entry.name(),
                                variables, entry.name()), true));
            }
        }
        for (ComposeServices.Variable variable : ComposeServices.of(project).releaseEnvironment()) {
            if (variables.containsKey(variable.name()) && literal(variable.value())) {
                committed.add(new Cookie(variable.file(), variable.start(), variable.end(),
                        where(project.project().relativize(variable.file().path()),
                                "`environment` " + variable.name() + " of service `" + variable.service() + "`",
                                variables, variable.name())));
            }
            environment.putIfAbsent(variable.name(), variable.value());
        }
        for (NixDeployment.Variable variable : NixDeployment.of(project).serviceEnvironment()) {
            if (variables.containsKey(variable.name()) && literal(variable.value())) {
                committed.add(new Cookie(variable.file(), variable.start(), variable.end(),
                        where(project.project().relativize(variable.file().path()),
                                "the environment of a NixOS service, " + variable.name(), variables, variable.name())));
            }
            environment.putIfAbsent(variable.name(), variable.value());
        }
        if (scriptMayTurnOff && !"none".equals(environment.get("RELEASE_DISTRIBUTION"))) {
            for (ShellScript.Assignment assignment : deploy.envScript().script().assignments()) {
                if (NODE_VARIABLES.contains(assignment.name()) || assignment.name().equals("RELEASE_DISTRIBUTION")) {
                    environment.remove(assignment.name());
                }
            }
        }
        distribution = distribution(project, model, deploy, environment, vmArgsFiles);
        deployed = ProductionShown.of(project).shown();
        setAtBoot = setsCookieAtBoot(project);
    }

    /**
     * Whether the project's code gives the node its cookie itself ({@code Node.set_cookie(node, cookie)} or
     * {@code :erlang.set_cookie/1,2} with a cookie it reads, in a config provider or at the application's start):
     * the cookie the release starts with is then a placeholder until the real one replaces it.
     */
    private static boolean setsCookieAtBoot(ProjectContext project) {
        RemoteCalls calls = RemoteCalls.of(project);
        List<RemoteCalls.Call> found = new ArrayList<>(calls.find(FileRole.ELIXIR_SOURCE, "Node", "set_cookie"));
        found.addAll(calls.find(FileRole.ELIXIR_SOURCE, ":erlang", "set_cookie"));
        for (RemoteCalls.Call call : found) {
            List<Node> arguments = call.arguments();
            Node cookie = arguments.isEmpty() ? null : arguments.get(arguments.size() - 1);
            if (cookie != null && !cookie.is("atom") && !cookie.is("quoted_atom")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Literal cookies the scripts an image starts through assign ({@code export NODE_COOKIE="foobar"} in the script
     * its CMD runs before the release), each script once; their assignments join the release's environment.
     */
    private void startScriptCookies(ProjectContext project, DeployModel deploy, DockerImage image,
                                    Map<String, String> variables, Map<String, String> environment,
                                    Set<DocumentSnapshot> seen) {
        Launch launch = deploy.launch(image);
        for (LaunchCommand command : launch == null ? List.<LaunchCommand>of() : launch.commands()) {
            if (command.script() == null || !seen.add(command.script().file())) {
                continue;
            }
            DocumentSnapshot file = command.script().file();
            for (ShellScript.Assignment assignment : command.script().script().assignments()) {
                environment.putIfAbsent(assignment.name(), assignment.value());
                addScriptCookie(file, project.project().relativize(file.path()), assignment, variables);
            }
        }
    }

    /**
     * The cookie a script of the release's start assigns, if it writes one: a literal ({@code RELEASE_COOKIE=foobar})
     * or a literal fallback ({@code RELEASE_COOKIE="${RELEASE_COOKIE:-foobar}"}), which the release uses wherever the
     * environment does not set the variable.
     */
    private void addScriptCookie(DocumentSnapshot file, String label, ShellScript.Assignment assignment,
                                 Map<String, String> variables) {
        String fallback = fallback(assignment);
        if (!variables.containsKey(assignment.name()) || !literal(assignment.value()) && fallback == null) {
            return;
        }
        String setting = fallback == null ? "`" + assignment.name() + "`"
                : "the fallback of `" + assignment.name() + "` wherever the environment does not set it: " + fallback;
        committed.add(assignmentCookie(file, assignment, assignment.name().equals(COOKIE) && fallback == null ? label
                : where(label, setting, variables, assignment.name())));
    }

    /** A cookie a script's assignment writes, spanning the rest of its line. */
    private static Cookie assignmentCookie(DocumentSnapshot file, ShellScript.Assignment assignment, String where) {
        String text = file.text().text();
        int end = text.indexOf('\n', assignment.offset());
        return new Cookie(file, assignment.offset(), end < 0 ? text.length() : end, where);
    }

    /**
     * The variables that become the cookie, each with how the release's own files make it so: {@code RELEASE_COOKIE}
     * itself (with nothing to say), and a variable that rel/env.sh.eex assigns to it ({@code
     * RELEASE_COOKIE=$NODE_COOKIE}) or that vm.args passes to {@code -setcookie ${NODE_COOKIE}}.
     */
    private static Map<String, String> cookieVariables(ProjectContext project, DeployModel deploy,
                                                       List<String> vmArgsFiles) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(COOKIE, "");
        if (deploy.envScript() != null) {
            for (ShellScript.Assignment assignment : deploy.envScript().script().assignments()) {
                Matcher variable = VARIABLE.matcher(assignment.value() == null ? "" : assignment.value().strip());
                if (assignment.name().equals(COOKIE) && variable.matches() && !variable.group(1).equals(COOKIE)) {
                    variables.putIfAbsent(variable.group(1), "rel/env.sh.eex `" + COOKIE + "=$" + variable.group(1) + "`");
                }
            }
        }
        Path root = project.project().root();
        for (String path : vmArgsFiles) {
            DocumentSnapshot vmArgs = project.file(root.resolve(path).normalize());
            Matcher setCookie = SET_COOKIE.matcher(vmArgs == null ? "" : vmArgs.text().text());
            while (setCookie.find()) {
                variables.putIfAbsent(setCookie.group(1), project.project().relativize(vmArgs.path())
                        + " `-setcookie ${" + setCookie.group(1) + "}`");
            }
        }
        return variables;
    }

    /** Where a cookie is written, for messages; for a variable other than RELEASE_COOKIE, how it becomes the cookie. */
    private static String where(String place, String setting, Map<String, String> variables, String name) {
        String how = variables.getOrDefault(name, "");
        return place + " (" + setting + (how.isEmpty() ? "" : ", the cookie through " + how) + ")";
    }

    public static ReleaseCookies of(ProjectContext project) {
        return project.model(ReleaseCookies.class, ReleaseCookies::new);
    }

    /** The cookies written as literals, in the order: mix.exs, rel/env.sh.eex, Dockerfiles, fly.toml. */
    public List<Cookie> committed() {
        return List.copyOf(committed);
    }

    /**
     * What shows that the release runs distributed and connects to other nodes ("depends on libcluster"), or null:
     * nothing does, or {@code RELEASE_DISTRIBUTION=none} turns distribution off.
     */
    public String distribution() {
        return distribution;
    }

    /** Whether the project's code sets the node's cookie itself at boot, from a value it reads. */
    public boolean setAtBoot() {
        return setAtBoot;
    }

    /**
     * Whether the repository shows where the release runs: a Dockerfile, fly.toml, a Procfile, or deploy manifests
     * (Kubernetes, Helm). Without one, the nodes may only ever meet on the developer's machine (a demo).
     */
    public boolean deployed() {
        return deployed;
    }

    /** Whether libcluster is given something to join: topologies in config, or a Cluster.Supervisor in the code. */
    private static boolean configuresLibcluster(ProjectContext project, ProjectModel model) {
        return ConfigTimeline.prod(project).calls().stream().anyMatch(call -> LIBCLUSTER.equals(call.app()))
                || model.modules().inFilesMentioning("Cluster.Supervisor").stream()
                        .anyMatch(module -> module.mentions("Cluster.Supervisor"));
    }

    private static String distribution(ProjectContext project, ProjectModel model, DeployModel deploy,
                                       Map<String, String> environment, List<String> vmArgsFiles) {
        if ("none".equals(environment.get("RELEASE_DISTRIBUTION"))) {
            return null;
        }
        for (String library : CLUSTERING) {
            // dns_cluster comes with every app `mix phx.new` generates, and joins nothing until a query is given;
            // libcluster joins nothing without topologies, in config or handed to Cluster.Supervisor in code.
            if (model.dependsOn(library) && (!library.equals(DNS_CLUSTER) || environment.containsKey(DNS_CLUSTER_QUERY)
                    || DeploymentVariables.of(project).mayBeSet(DNS_CLUSTER_QUERY))
                    && (!library.equals(LIBCLUSTER) || configuresLibcluster(project, model))) {
                return "depends on " + library;
            }
        }
        for (String name : NODE_VARIABLES) {
            if (environment.containsKey(name)) {
                return "sets " + name;
            }
        }
        if (environment.containsKey("RELEASE_DISTRIBUTION")) {
            return "sets RELEASE_DISTRIBUTION";
        }
        Path root = project.project().root();
        for (String path : vmArgsFiles) {
            DocumentSnapshot vmArgs = project.file(root.resolve(path).normalize());
            Matcher host = NODE_HOST.matcher(vmArgs == null ? "" : vmArgs.text().text());
            while (host.find()) {
                if (!LOOPBACK.contains(host.group(1))) {
                    return "names its node for other hosts in " + path;
                }
            }
        }
        for (String function : List.of("connect", "ping")) {
            if (!RemoteCalls.of(project).find(FileRole.ELIXIR_SOURCE, "Node", function).isEmpty()) {
                return "calls Node." + function;
            }
        }
        for (DockerImage image : deploy.productionImages()) {
            Launch launch = deploy.launch(image);
            for (LaunchCommand command : launch == null ? List.<LaunchCommand>of() : launch.commands()) {
                // As written: `elixir --sname shop -S mix phx.server` is seen through to the Mix task it runs.
                String text = command.file().text().text();
                int start = Math.min(command.command().start(), text.length());
                int lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
                Matcher flag = NODE_NAME_FLAG.matcher(text.substring(lineStart,
                        Math.max(start, Math.min(command.command().end(), text.length()))));
                if (flag.find()) {
                    return "starts with " + flag.group(1);
                }
            }
        }
        return null;
    }

    /**
     * The literal {@code set cookie:} of a Distillery release's prod environment ({@code environment :prod do … end}
     * in rel/config.exs; Distillery's generator writes a random one there) of a project that builds with Distillery,
     * unless mix.exs configures Elixir's own releases ({@code releases:}, which Distillery does not read), it is a
     * {@code "${VAR}"} placeholder, or the release's vm.args (the profile's {@code vm_args:}, or an overlay written
     * onto vm.args) sets the cookie itself ({@code -setcookie
     * ${ERLANG_COOKIE}}) instead of from the profile.
     */
    private static Cookie distilleryCookie(ProjectContext project, DocumentSnapshot config) {
        if (config == null) {
            return null;
        }
        String text = config.text().text();
        Matcher prod = DISTILLERY_PROD.matcher(text);
        if (!prod.find()) {
            return null;
        }
        Matcher cookie = DISTILLERY_COOKIE.matcher(text).region(prod.start(), prod.end());
        if (!cookie.find()) {
            return null;
        }
        Path root = project.project().root();
        for (String path : distilleryVmArgs(config)) {
            DocumentSnapshot vmArgs = project.file(root.resolve(path).normalize());
            String args = vmArgs == null ? "" : vmArgs.text().text();
            if (args.contains("-setcookie") && !args.contains("release.profile.cookie")) {
                return null;
            }
        }
        return new Cookie(config, cookie.start(1), cookie.end(1), "rel/config.exs (`set cookie:` of the prod environment)");
    }

    /**
     * The vm.args files the release reads, each once: Distillery's (given its rel/config.exs, where Distillery builds
     * the release: {@link ReleaseTool}), exrm's {@code rel/vm.args}, or the {@code rel/vm.args.eex} of Elixir's own
     * releases.
     */
    private static List<String> releaseVmArgs(DocumentSnapshot distillery, boolean exrm) {
        return distillery != null ? List.copyOf(new LinkedHashSet<>(distilleryVmArgs(distillery)))
                : exrm ? List.of("rel/vm.args") : List.of("rel/vm.args.eex");
    }

    /**
     * The vm.args files a Distillery release may use: a profile's {@code vm_args:}, an overlay's target. Without
     * {@code vm_args:} Distillery writes its own from its template (the profile's cookie, a node on 127.0.0.1) and a
     * {@code rel/vm.args} beside it is never read.
     */
    private static List<String> distilleryVmArgs(DocumentSnapshot config) {
        List<String> files = new ArrayList<>();
        for (Pattern source : List.of(DISTILLERY_VM_ARGS, DISTILLERY_VM_ARGS_OVERLAY)) {
            Matcher path = source.matcher(config.text().text());
            while (path.find()) {
                files.add(path.group(1));
            }
        }
        return files;
    }

    /**
     * Literal cookies the release's vm.args passes ({@code -setcookie mymagiccookie}): Distillery's vm.args files, or
     * the {@code rel/vm.args.eex} of Elixir's releases.
     */
    private static List<Cookie> vmArgsCookies(ProjectContext project, List<String> files) {
        Path root = project.project().root();
        List<Cookie> cookies = new ArrayList<>();
        for (String path : files) {
            DocumentSnapshot vmArgs = project.file(root.resolve(path).normalize());
            Matcher cookie = LITERAL_SET_COOKIE.matcher(vmArgs == null ? "" : vmArgs.text().text());
            if (cookie.find()) {
                cookies.add(new Cookie(vmArgs, cookie.start(1), cookie.end(1),
                        project.project().relativize(vmArgs.path()) + " (`-setcookie`)"));
            }
        }
        return cookies;
    }

    /**
     * The value a variable keeps when the environment does not set it ({@code RELEASE_COOKIE="${RELEASE_COOKIE:-…}"}),
     * when it is written out: a literal, said as such, or the release's name ({@code <%= @release.name %>}), which
     * anyone who knows the project knows; null otherwise.
     */
    private static String fallback(ShellScript.Assignment assignment) {
        Matcher own = OWN_FALLBACK.matcher(assignment.value() == null ? "" : assignment.value().strip());
        if (!own.matches() || !own.group(1).equals(assignment.name())) {
            return null;
        }
        String fallback = own.group(2);
        if (RELEASE_NAME.matcher(fallback).matches()) {
            return "the release's name";
        }
        return literal(fallback) ? "a literal" : null;
    }

    /** A value written out: not empty, nothing substituted at build or boot ({@code $VAR}, {@code <%= %>}, backquotes). */
    private static boolean literal(String value) {
        return value != null && !value.isBlank() && !value.contains("$") && !value.contains("<%") && !value.contains("`");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseCookies cookies && committed.equals(cookies.committed)
                && Objects.equals(distribution, cookies.distribution) && deployed == cookies.deployed
                && setAtBoot == cookies.setAtBoot;
    }

    @Override
    public int hashCode() {
        return Objects.hash(committed, distribution, deployed, setAtBoot);
    }
}
