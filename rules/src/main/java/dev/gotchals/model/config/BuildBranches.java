package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployManifests;
import dev.gotchals.model.deploy.ReleaseImage;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** How deep expressions and bindings are followed: conditions in config are short. */
    private static final int MAX_DEPTH = 8;

    private final ProjectContext project;
    /** The variables the build sets, or null when its environment is not known. */
    private final Set<String> buildVariables;
    /** Per file, the disjoint byte ranges of the branches the build skips, sorted, worked out in one walk. */
    private final Map<Path, int[][]> skipped = new ConcurrentHashMap<>();

    private BuildBranches(ProjectContext project, Set<String> buildVariables) {
        this.project = project;
        this.buildVariables = buildVariables;
    }

    public static BuildBranches of(ProjectContext project) {
        return project.model(BuildBranches.class, BuildBranches::read);
    }

    private static BuildBranches read(ProjectContext project) {
        boolean imageBuildsOnly = ReleaseImage.of(project).dockerfile() != null
                && CiWorkflows.of(project).releaseWorkflow() == null && DeployManifests.of(project).procfile() == null
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
        int[][] ranges = skipped.computeIfAbsent(file.path(), path -> new FileConditions(file).skippedRanges());
        int low = 0;
        int high = ranges.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (ranges[middle][1] <= node.startByte()) {
                low = middle + 1;
            } else if (ranges[middle][0] > node.startByte()) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static boolean falsy(Value value) {
        return value == Value.FALSE || value == Value.NIL;
    }

    /** Sorted and merged: nested branches fall inside the outer one. */
    private static int[][] merged(List<int[]> ranges) {
        ranges.sort(Comparator.comparingInt(range -> range[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] range : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(new int[]{range[0], range[1]});
            }
        }
        return merged.toArray(int[][]::new);
    }

    /** The conditions of one file, evaluated with the build's environment and the file's top-level bindings. */
    private final class FileConditions {
        private final DocumentSnapshot file;
        private final SyntaxTree tree;
        private final EnvCalls calls;
        /** The values of top-level {@code name = value} bindings, by name, in source order. */
        private final Map<String, List<Node>> bindings = new HashMap<>();

        FileConditions(DocumentSnapshot file) {
            this.file = file;
            this.tree = file.tree();
            this.calls = EnvCalls.of(project, file);
            for (Node statement : tree.statements()) {
                Node operator = statement.child("operator");
                Node left = statement.child("left");
                Node right = statement.child("right");
                if (statement.is("binary_operator") && operator != null && tree.text(operator).equals("=")
                        && left != null && left.is("identifier") && right != null) {
                    bindings.computeIfAbsent(tree.text(left), name -> new ArrayList<>()).add(right);
                }
            }
        }

        /** The bodies and {@code else} blocks of every {@code if}/{@code unless} the build decides against. */
        int[][] skippedRanges() {
            List<int[]> ranges = new ArrayList<>();
            tree.root().forEachDescendant(step -> {
                String name = ElixirSyntax.localCallName(tree, step);
                Node block = "if".equals(name) || "unless".equals(name) ? ElixirSyntax.doBlock(step) : null;
                List<Node> arguments = block == null ? List.of() : ElixirSyntax.arguments(step);
                if (arguments.isEmpty()) {
                    return;
                }
                Value condition = value(arguments.get(0), step.startByte(), 0);
                if (condition == Value.UNKNOWN) {
                    return;
                }
                Node elseBlock = block.firstOfType("else_block");
                if ("if".equals(name) != falsy(condition)) {
                    if (elseBlock != null) {
                        ranges.add(new int[]{elseBlock.startByte(), elseBlock.endByte()});
                    }
                } else {
                    ranges.add(new int[]{block.startByte(), elseBlock != null ? elseBlock.startByte() : block.endByte()});
                }
            });
            return merged(ranges);
        }

        private Value value(Node node, int before, int depth) {
            if (node == null || depth > MAX_DEPTH) {
                return Value.UNKNOWN;
            }
            if (node.is("block") && node.namedChildren().size() == 1) {
                return value(node.namedChildren().get(0), before, depth + 1);
            }
            if (node.is("boolean")) {
                return tree.text(node).equals("true") ? Value.TRUTHY : Value.FALSE;
            }
            if (node.is("nil")) {
                return Value.NIL;
            }
            if (node.is("identifier")) {
                Node bound = binding(tree.text(node), before);
                return bound == null ? Value.UNKNOWN : value(bound, bound.startByte(), depth + 1);
            }
            if (node.is("call")) {
                return unsetRead(node) ? Value.NIL : Value.UNKNOWN;
            }
            Node operator = node.child("operator");
            String op = operator == null ? "" : tree.text(operator).replaceAll("\\s+", " ");
            if (node.is("unary_operator")) {
                Value operand = value(node.child("operand"), before, depth + 1);
                return op.equals("!") && operand != Value.UNKNOWN ? (falsy(operand) ? Value.TRUTHY : Value.FALSE)
                        : Value.UNKNOWN;
            }
            if (!node.is("binary_operator")) {
                return Value.UNKNOWN;
            }
            Node left = node.child("left");
            Node right = node.child("right");
            return switch (op) {
                case "in", "not in" -> value(left, before, depth + 1) == Value.NIL && stringList(right, before, depth + 1)
                        ? (op.equals("in") ? Value.FALSE : Value.TRUTHY) : Value.UNKNOWN;
                case "==", "===", "!=", "!==" -> nilAgainstString(left, right, before, depth)
                        ? (op.startsWith("!") ? Value.TRUTHY : Value.FALSE) : Value.UNKNOWN;
                case "and", "&&" -> {
                    Value first = value(left, before, depth + 1);
                    yield falsy(first) ? first : first == Value.TRUTHY ? value(right, before, depth + 1) : Value.UNKNOWN;
                }
                case "or", "||" -> {
                    Value first = value(left, before, depth + 1);
                    yield first == Value.TRUTHY ? first : falsy(first) ? value(right, before, depth + 1) : Value.UNKNOWN;
                }
                default -> Value.UNKNOWN;
            };
        }

        /** Whether one side reads as nil in the build and the other is a string literal. */
        private boolean nilAgainstString(Node left, Node right, int before, int depth) {
            return value(left, before, depth + 1) == Value.NIL && ElixirSyntax.stringLiteral(tree, right) != null
                    || value(right, before, depth + 1) == Value.NIL && ElixirSyntax.stringLiteral(tree, left) != null;
        }

        /** {@code System.get_env("NAME")} (or a one-argument wrapper) of a variable the build does not set. */
        private boolean unsetRead(Node call) {
            List<Node> arguments = ElixirSyntax.arguments(call);
            if (arguments.size() != 1 || !calls.readsVariable(call)) {
                return false;
            }
            String variable = ElixirSyntax.stringLiteral(tree, arguments.get(0));
            return variable != null && !buildVariables.contains(variable);
        }

        /** A list of string literals, a {@code ~w(…)} sigil, or a variable bound to one: nil is never in it. */
        private boolean stringList(Node node, int before, int depth) {
            if (node == null || depth > MAX_DEPTH) {
                return false;
            }
            if (node.is("identifier")) {
                Node bound = binding(tree.text(node), before);
                return bound != null && stringList(bound, bound.startByte(), depth + 1);
            }
            if (node.is("sigil")) {
                Node sigilName = node.firstOfType("sigil_name");
                return sigilName != null && tree.text(sigilName).equalsIgnoreCase("w");
            }
            return node.is("list") && node.namedChildren().stream()
                    .allMatch(item -> ElixirSyntax.stringLiteral(tree, item) != null);
        }

        /** The value last bound to {@code name} at the top of the file before {@code before}, or null. */
        private Node binding(String name, int before) {
            Node found = null;
            for (Node value : bindings.getOrDefault(name, List.of())) {
                if (value.startByte() >= before) {
                    break;
                }
                found = value;
            }
            return found;
        }
    }
}
