package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex.Function;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.rule.Fix;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/** GT006's edit: a handler body that runs {@code SELECT 1} through the Repo and answers 200, or 503 on error. */
final class HealthCheckFix {
    private HealthCheckFix() {
    }

    /**
     * Replaces a clause's body (or only {@code statements}, a branch of it) with the database check; null when
     * the clause cannot take it (no conn variable, code before it on the line).
     *
     * @param controller whether it answers with Phoenix.Controller's {@code text/2} (else Plug.Conn's functions)
     */
    static Fix of(Module module, Function clause, List<Node> statements, boolean controller, String repo,
                  String title) {
        if (repo == null || clause.params().size() != 2) {
            return null;
        }
        SyntaxTree tree = module.tree();
        String conn = variableName(tree, clause.params().get(0));
        if (conn == null || conn.startsWith("_")) {
            return null;
        }
        String plugConn = !controller && !module.importsPlugConn() ? "Plug.Conn." : "";
        String ok = controller ? conn + " |> put_status(200) |> text(\"ok\")"
                : conn + " |> " + plugConn + "send_resp(200, \"ok\") |> " + plugConn + "halt()";
        String error = controller
                ? conn + " |> put_status(503) |> text(\"database unavailable: \" <> Exception.message(reason))"
                : conn + " |> " + plugConn + "send_resp(503, \"database unavailable: \" <> Exception.message(reason))"
                  + " |> " + plugConn + "halt()";
        List<String> body = List.of(
                "case Ecto.Adapters.SQL.query(" + repo + ", \"SELECT 1\", []) do",
                "  {:ok, _result} ->",
                "    " + ok,
                "",
                "  {:error, reason} ->",
                "    " + error,
                "end");
        DocumentSnapshot file = module.file();
        String text = file.text().text();
        List<Fix.Edit> edits = new ArrayList<>();
        if (statements != null || !clause.keywordDo()) {
            List<Node> replaced = statements != null ? statements : clause.body();
            if (replaced.isEmpty()) {
                return null;
            }
            int start = tree.startOffset(replaced.get(0));
            int end = tree.endOffset(replaced.get(replaced.size() - 1));
            String indent = indentBefore(text, start);
            if (indent == null) {
                return null;
            }
            edits.add(new Fix.Edit(file, start, end, String.join("\n", indented(body, indent)).strip()));
            Node unused = statements == null ? unusedParam(tree, clause) : null;
            if (unused != null) {
                int at = tree.startOffset(unused);
                edits.add(new Fix.Edit(file, at, at, "_"));
            }
        } else {
            // def index(conn, _), do: text(conn, "ok") → a do block
            int start = tree.startOffset(clause.definition());
            int end = tree.endOffset(clause.definition());
            String indent = indentBefore(text, start);
            if (indent == null) {
                return null;
            }
            Node headNode = ElixirSyntax.arguments(clause.definition()).get(0);
            String head = tree.text(headNode);
            Node unused = unusedParam(tree, clause);
            if (unused != null) {
                int at = tree.startOffset(unused) - tree.startOffset(headNode);
                head = head.substring(0, at) + "_" + head.substring(at);
            }
            String keyword = clause.isPrivate() ? "defp" : "def";
            String replacement = keyword + " " + head + " do\n"
                    + String.join("\n", indented(body, indent + "  ")) + "\n" + indent + "end";
            edits.add(new Fix.Edit(file, start, end, replacement));
        }
        return new Fix(title, false, List.copyOf(edits));
    }

    private static List<String> indented(List<String> lines, String indent) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            result.add(line.isEmpty() ? "" : indent + line);
        }
        return result;
    }

    /** The whitespace between the start of the line and {@code offset}, or null when code precedes it. */
    private static String indentBefore(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        String prefix = text.substring(lineStart, offset);
        return prefix.isBlank() ? prefix : null;
    }

    /** The second parameter, when the new body leaves it unused: a plain variable not yet underscored. */
    private static Node unusedParam(SyntaxTree tree, Function clause) {
        if (clause.guarded()) {
            return null;
        }
        Node second = clause.params().get(1);
        return second.is("identifier") && !tree.text(second).startsWith("_") ? second : null;
    }

    /** {@code conn} for {@code conn} and for {@code %Plug.Conn{…} = conn}; null for other patterns. */
    private static String variableName(SyntaxTree tree, Node param) {
        if (param.is("identifier")) {
            return tree.text(param);
        }
        Node operator = param.is("binary_operator") ? param.child("operator") : null;
        if (operator != null && tree.text(operator).equals("=")) {
            for (Node side : List.of(param.child("right"), param.child("left"))) {
                if (side != null && side.is("identifier")) {
                    return tree.text(side);
                }
            }
        }
        return null;
    }
}
