package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the app serves files from {@code priv/static} at all. Phoenix serves them only through {@code Plug.Static},
 * which the generated endpoint plugs; an API whose endpoints plug none serves no file an asset build makes, whatever
 * an {@code assets/} folder holds (a front end deployed apart, such as a Next.js app beside the API).
 *
 * @param servesNone whether the project's endpoints are in sight and no code of the project plugs {@code Plug.Static}
 *                   (a commented-out plug does not count; one in a wrapper module the endpoint plugs does)
 */
public record StaticFileServing(boolean servesNone) {
    private static final String PLUG_STATIC = "Plug.Static";

    public static StaticFileServing of(ProjectContext project) {
        return project.model(StaticFileServing.class, StaticFileServing::read);
    }

    private static StaticFileServing read(ProjectContext project) {
        if (ProjectModel.of(project).phoenix().endpoints().isEmpty()) {
            return new StaticFileServing(false); // no endpoint in sight: what it plugs cannot be told
        }
        for (DocumentSnapshot file : project.files(FileRole.ELIXIR_SOURCE)) {
            if (!file.text().text().contains(PLUG_STATIC)) {
                continue;
            }
            if (!file.isParsed()) {
                return new StaticFileServing(false);
            }
            SyntaxTree tree = file.tree();
            AtomicBoolean named = new AtomicBoolean();
            tree.root().forEachDescendant(node -> named.compareAndSet(false,
                    node.is("alias") && tree.text(node).equals(PLUG_STATIC)));
            if (named.get()) {
                return new StaticFileServing(false);
            }
        }
        return new StaticFileServing(true);
    }
}
