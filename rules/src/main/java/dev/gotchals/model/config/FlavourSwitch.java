package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether an environment read in a config file chooses a flavour of the build: its value only decides, and every
 * decision picks which module the app uses ({@code endpoint_module: if(desktop?, do: Desktop.Endpoint, else:
 * Web.Endpoint)}) together with that module's config (a {@code config} call whose subject is the choice, or a
 * block under the same decision that configures only chosen modules). Such a read shapes the build rather than
 * passing a value on. A decision that picks a setting ({@code ssl: …}, a logger format, a storage adapter nothing
 * else configures) is not a flavour: production should take it at boot.
 */
final class FlavourSwitch {
    /** Operators whose result is a yes or no. */
    private static final Set<String> TESTS = Set.of("==", "!=", "===", "!==", "in", "not in", "!", "not");
    /** Operators that combine yes-or-no values into another. */
    private static final Set<String> CONNECTIVES = Set.of("and", "or");

    private final SyntaxTree tree;
    /** The modules the decisions pick between. */
    private final Set<String> chosen = new HashSet<>();
    /** The subjects of the config calls the decisions guard. */
    private final Set<String> guarded = new HashSet<>();
    /** Whether a choice is the subject of a config call. */
    private boolean choiceConfigured;

    private FlavourSwitch(SyntaxTree tree) {
        this.tree = tree;
    }

    /**
     * Whether the read's decisions pick between modules of the app ({@code router: if(System.get_env("ENABLE_ECI"),
     * do: Web.EciRouter, else: Web.Router)}), with or without config of those modules.
     */
    static boolean picksModules(SyntaxTree tree, Node read) {
        FlavourSwitch flavour = new FlavourSwitch(tree);
        return flavour.followDecision(read) && !flavour.chosen.isEmpty() && flavour.chosen.containsAll(flavour.guarded);
    }

    static boolean choosesFlavour(SyntaxTree tree, Node read) {
        FlavourSwitch flavour = new FlavourSwitch(tree);
        return flavour.followDecision(read) && !flavour.chosen.isEmpty() && flavour.chosen.containsAll(flavour.guarded)
                && (flavour.choiceConfigured || !flavour.guarded.isEmpty());
    }

    /**
     * Follows the yes or no that {@code value} becomes to the conditions it decides, directly or through a top-level
     * binding; false when it goes anywhere else.
     */
    private boolean followDecision(Node value) {
        List<Node> path = pathTo(value);
        int at = path.size() - 1;
        boolean tested = false;
        while (at > 0) {
            Node parent = path.get(at - 1);
            String operator = operator(parent);
            boolean test = operator != null && (TESTS.contains(operator) || tested && CONNECTIVES.contains(operator));
            if (test || parent.is("block") && parent.namedChildren().size() == 1) {
                tested |= operator != null;
                at--;
            } else {
                break;
            }
        }
        Node decision = path.get(at);
        Node holder = at > 0 ? path.get(at - 1) : null;
        if (holder != null && holder.is("arguments") && at > 1 && holder.namedChildren().get(0) == decision) {
            return decides(path.get(at - 2));
        }
        String bound = at == 1 ? topLevelBinding(holder, decision) : null;
        if (bound == null) {
            return false;
        }
        List<Node> uses = uses(bound, holder);
        return !uses.isEmpty() && uses.stream().allMatch(this::followDecision);
    }

    /** A decision {@code if}/{@code unless}/{@code case} that picks modules, or guards the config of modules. */
    private boolean decides(Node conditional) {
        String name = ElixirSyntax.localCallName(tree, conditional);
        Node block = ElixirSyntax.doBlock(conditional);
        if ("if".equals(name) || "unless".equals(name)) {
            if (block != null) {
                return guardsConfig(ElixirSyntax.blockStatements(block, false))
                        && guardsConfig(ElixirSyntax.blockStatements(block, true));
            }
            List<Node> arguments = ElixirSyntax.arguments(conditional);
            List<Node> results = new ArrayList<>();
            for (Node pair : arguments.size() == 2 ? ElixirSyntax.pairsOf(arguments.get(1)) : List.<Node>of()) {
                results.add(pair.child("value"));
            }
            return !results.isEmpty() && picksModules(conditional, results);
        }
        if (!"case".equals(name) || block == null) {
            return false;
        }
        List<Node> results = new ArrayList<>();
        boolean guards = true;
        for (Node clause : block.namedChildren()) {
            Node right = clause.is("stab_clause") ? clause.child("right") : null;
            List<Node> body = right == null ? List.of() : right.is("body") ? right.namedChildren() : List.of(right);
            if (body.size() == 1) {
                results.add(body.get(0));
            }
            guards &= guardsConfig(body);
        }
        return guards || results.size() == block.namedChildren().size() && picksModules(conditional, results);
    }

    /** Whether every result is a module (or nil); records them, and whether the choice is a config subject. */
    private boolean picksModules(Node choice, List<Node> results) {
        for (Node result : results) {
            if (result == null || !result.is("alias") && !result.is("nil")) {
                return false;
            }
            if (result.is("alias")) {
                chosen.add(tree.text(result));
            }
        }
        List<Node> path = pathTo(choice);
        String bound = path.size() == 2 ? topLevelBinding(path.get(0), choice) : null;
        if (bound != null) {
            for (Node use : uses(bound, path.get(0))) {
                List<Node> usePath = pathTo(use);
                Node call = usePath.size() >= 3 ? usePath.get(usePath.size() - 3) : null;
                List<Node> arguments = call == null ? List.of() : ElixirSyntax.arguments(call);
                choiceConfigured |= "config".equals(ElixirSyntax.localCallName(tree, call))
                        && arguments.size() >= 2 && arguments.get(1) == use;
            }
        }
        return true;
    }

    /** Whether the statements are {@code config} calls of module subjects only; records the subjects. */
    private boolean guardsConfig(List<Node> statements) {
        for (Node statement : statements) {
            if (statement.is("comment")) {
                continue;
            }
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (!"config".equals(ElixirSyntax.localCallName(tree, statement)) || arguments.size() < 2
                    || !arguments.get(1).is("alias")) {
                return false;
            }
            guarded.add(tree.text(arguments.get(1)));
        }
        return true;
    }

    /** {@code name} when {@code statement} is the top-level binding {@code name = value}, else null. */
    private String topLevelBinding(Node statement, Node value) {
        Node left = statement == null ? null : statement.child("left");
        return "=".equals(operator(statement)) && left != null && left.is("identifier")
                && statement.child("right") == value ? tree.text(left) : null;
    }

    /** Every later mention of a top-level binding's name, or none when the name is bound more than once. */
    private List<Node> uses(String name, Node binding) {
        List<Node> uses = new ArrayList<>();
        boolean[] reboundElsewhere = {false};
        tree.root().forEachDescendant(node -> {
            Node left = node.child("left");
            if (node != binding && "=".equals(operator(node)) && left != null && name.equals(tree.text(left))) {
                reboundElsewhere[0] = true;
            } else if (node.is("identifier") && node.startByte() >= binding.endByte() && name.equals(tree.text(node))) {
                uses.add(node);
            }
        });
        return reboundElsewhere[0] ? List.of() : uses;
    }

    /** The operator of a binary or unary operator node, spaces normalised ({@code not in}), else null. */
    private String operator(Node node) {
        Node operator = node != null && (node.is("binary_operator") || node.is("unary_operator"))
                ? node.child("operator") : null;
        return operator == null ? null : tree.text(operator).replaceAll("\\s+", " ");
    }

    /** The nodes from a top-level statement down to {@code node}, both included. */
    private List<Node> pathTo(Node node) {
        List<Node> path = tree.root().pathDownTo(node);
        return path.isEmpty() ? List.of(node) : path.subList(1, path.size());
    }
}
