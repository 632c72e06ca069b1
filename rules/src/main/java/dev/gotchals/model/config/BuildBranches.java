package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which branches of build-time config the release's build takes, where its environment is known: every release is
 * built by a Dockerfile, whose build sees only the variables the Dockerfile sets ({@code ENV}, {@code ARG}) and CI
 * passes as build arguments. A variable nobody sets reads as nil there, so the build skips the body of
 * {@code if System.get_env("AS_DESKTOP_APP") in ~w(true yes 1) do … end}: a build flavour another build chooses.
 * Conditions are followed through bindings made earlier at the top of the same file; anything else is undecided.
 */
public final class BuildBranches {
    /** What a condition is in the build: truthy, false, nil (falsy too), or not known. */
    private enum Value { TRUTHY, FALSE, NIL, UNKNOWN }

    /** How deep bindings are followed: {@code a = b; b = c} chains are short in config. */
    private static final int MAX_DEPTH = 8;

    private final ProjectContext project;
    /** The variables the build sets, or null when its environment is not known. */
    private final Set<String> buildVariables;

    private BuildBranches(ProjectContext project, Set<String> buildVariables) {
        this.project = project;
        this.buildVariables = buildVariables;
    }

    public static BuildBranches of(ProjectContext project) {
        return project.model(BuildBranches.class, BuildBranches::read);
    }

    private static BuildBranches read(ProjectContext project) {
        DeployModel deploy = DeployModel.of(project);
        boolean imageBuildsOnly = deploy.productionImages().stream().anyMatch(DockerImage::buildsRelease)
                && CiWorkflows.of(project).releaseWorkflow() == null && deploy.procfile() == null
                && project.files(FileRole.BUILDPACK_CONFIG).isEmpty();
        return new BuildBranches(project, imageBuildsOnly ? ReleaseBuild.of(project).variables() : null);
    }

    /**
     * Whether the release's build skips {@code node} of {@code file}: it lies in the body of an {@code if} or
     * {@code unless} (or in its {@code else}) whose condition the build's environment decides the other way.
     */
    public boolean skips(DocumentSnapshot file, Node node) {
        if (buildVariables == null || !file.isParsed()) {
            return false;
        }
        SyntaxTree tree = file.tree();
        for (Node statement : tree.statements()) {
            if (statement.contains(node.startByte())) {
                List<Node> path = new ArrayList<>();
                path.add(statement);
                path.addAll(statement.pathTo(node.startByte()));
                return skipsAlong(file, path);
            }
        }
        return false;
    }

    private boolean skipsAlong(DocumentSnapshot file, List<Node> path) {
        SyntaxTree tree = file.tree();
        for (int i = 0; i < path.size(); i++) {
            Node step = path.get(i);
            String name = ElixirSyntax.localCallName(tree, step);
            Node block = ElixirSyntax.doBlock(step);
            if (!("if".equals(name) || "unless".equals(name)) || block == null || i + 1 >= path.size()
                    || !path.get(i + 1).equals(block)) {
                continue;
            }
            List<Node> arguments = ElixirSyntax.arguments(step);
            if (arguments.isEmpty()) {
                continue;
            }
            Value condition = value(file, arguments.get(0), step.startByte(), 0);
            boolean inElse = i + 2 < path.size() && path.get(i + 2).is("else_block");
            boolean bodyRuns = "if".equals(name) != inElse;
            if (bodyRuns ? falsy(condition) : condition == Value.TRUTHY) {
                return true;
            }
        }
        return false;
    }

    private static boolean falsy(Value value) {
        return value == Value.FALSE || value == Value.NIL;
    }

    private Value value(DocumentSnapshot file, Node node, int before, int depth) {
        SyntaxTree tree = file.tree();
        if (node == null || depth > MAX_DEPTH) {
            return Value.UNKNOWN;
        }
        if (node.is("block") && node.namedChildren().size() == 1) {
            return value(file, node.namedChildren().get(0), before, depth + 1);
        }
        if (node.is("boolean")) {
            return tree.text(node).equals("true") ? Value.TRUTHY : Value.FALSE;
        }
        if (node.is("nil")) {
            return Value.NIL;
        }
        if (node.is("identifier")) {
            Node bound = binding(tree, tree.text(node), before);
            return bound == null ? Value.UNKNOWN : value(file, bound, bound.startByte(), depth + 1);
        }
        if (node.is("call")) {
            return unsetRead(file, node) ? Value.NIL : Value.UNKNOWN;
        }
        Node operator = node.child("operator");
        String op = operator == null ? "" : tree.text(operator).replaceAll("\\s+", " ");
        if (node.is("unary_operator")) {
            Value operand = value(file, node.child("operand"), before, depth + 1);
            return op.equals("!") && operand != Value.UNKNOWN ? (falsy(operand) ? Value.TRUTHY : Value.FALSE)
                    : Value.UNKNOWN;
        }
        if (!node.is("binary_operator")) {
            return Value.UNKNOWN;
        }
        Node left = node.child("left");
        Node right = node.child("right");
        return switch (op) {
            case "in", "not in" -> value(file, left, before, depth + 1) == Value.NIL
                    && stringList(tree, right, before, depth + 1)
                    ? (op.equals("in") ? Value.FALSE : Value.TRUTHY) : Value.UNKNOWN;
            case "==", "===", "!=", "!==" -> nilAgainstString(file, left, right, before, depth)
                    ? (op.startsWith("!") ? Value.TRUTHY : Value.FALSE) : Value.UNKNOWN;
            case "and", "&&" -> {
                Value first = value(file, left, before, depth + 1);
                yield falsy(first) ? first : first == Value.TRUTHY ? value(file, right, before, depth + 1) : Value.UNKNOWN;
            }
            case "or", "||" -> {
                Value first = value(file, left, before, depth + 1);
                yield first == Value.TRUTHY ? first : falsy(first) ? value(file, right, before, depth + 1) : Value.UNKNOWN;
            }
            default -> Value.UNKNOWN;
        };
    }

    /** Whether one side reads as nil in the build and the other is a string literal. */
    private boolean nilAgainstString(DocumentSnapshot file, Node left, Node right, int before, int depth) {
        SyntaxTree tree = file.tree();
        return value(file, left, before, depth + 1) == Value.NIL && ElixirSyntax.stringLiteral(tree, right) != null
                || value(file, right, before, depth + 1) == Value.NIL && ElixirSyntax.stringLiteral(tree, left) != null;
    }

    /** {@code System.get_env("NAME")} (or a one-argument wrapper) of a variable the build does not set. */
    private boolean unsetRead(DocumentSnapshot file, Node call) {
        EnvCalls calls = EnvCalls.of(project, file);
        List<Node> arguments = ElixirSyntax.arguments(call);
        if (!calls.readsVariable(call) || arguments.size() != 1) {
            return false;
        }
        String variable = ElixirSyntax.stringLiteral(file.tree(), arguments.get(0));
        return variable != null && !buildVariables.contains(variable);
    }

    /** A list of string literals, a {@code ~w(…)} sigil, or a variable bound to one: nil is never in it. */
    private static boolean stringList(SyntaxTree tree, Node node, int before, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return false;
        }
        if (node.is("identifier")) {
            Node bound = binding(tree, tree.text(node), before);
            return bound != null && stringList(tree, bound, bound.startByte(), depth + 1);
        }
        if (node.is("sigil")) {
            Node sigilName = node.firstOfType("sigil_name");
            return sigilName != null && tree.text(sigilName).equalsIgnoreCase("w");
        }
        return node.is("list") && node.namedChildren().stream()
                .allMatch(item -> ElixirSyntax.stringLiteral(tree, item) != null);
    }

    /** The value last bound to {@code name} by a top-level {@code name = …} before {@code before}, or null. */
    private static Node binding(SyntaxTree tree, String name, int before) {
        Node found = null;
        for (Node statement : tree.statements()) {
            if (statement.startByte() >= before) {
                break;
            }
            Node operator = statement.child("operator");
            Node left = statement.child("left");
            if (statement.is("binary_operator") && operator != null && tree.text(operator).equals("=")
                    && left != null && left.is("identifier") && tree.text(left).equals(name)) {
                found = statement.child("right");
            }
        }
        return found;
    }
}
