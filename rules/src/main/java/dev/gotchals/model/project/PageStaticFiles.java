package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether the project's pages load what an asset build makes. The generators' layouts link the bundles
 * ({@code ~p"/assets/app.js"}, {@code static_path(@conn, "/js/app.js")}, {@code "/css/app.css"}); a project whose
 * templates link static files, none of them there (a theme committed under {@code priv/static/theme/}), serves
 * every file its pages use without a build, whatever {@code assets/} still holds from the generator.
 *
 * @param loadNothingBuilt whether the page templates load scripts or stylesheets and none of them comes from an asset
 *                         build; false where that cannot be told (no templates in sight, or none loading either)
 */
public record PageStaticFiles(boolean loadNothingBuilt) {
    /** A page's script or stylesheet: what an asset build would make. */
    private static final Pattern LINKS_STATIC = Pattern.compile(
            "<script\\b[^>]*\\bsrc=|<link\\b[^>]*\\brel=[\"']?stylesheet");
    /**
     * What names an asset build's output: a path under the folders the builders write ({@code "/assets/…"},
     * {@code "/js/…"}, {@code "/css/…"}, not {@code "/theme/app/css/…"}), the bundles' names, or a bundler's helpers.
     */
    private static final Pattern BUILT = Pattern.compile(
            "(?<![\\w/.-])/(assets|js|css)/|\\bapp\\.(js|css)\\b|(?i:\\bvite|webpack|esbuild|tailwind)");

    public static PageStaticFiles of(ProjectContext project) {
        return project.model(PageStaticFiles.class, PageStaticFiles::read);
    }

    private static PageStaticFiles read(ProjectContext project) {
        List<String> pages = new ArrayList<>();
        for (DocumentSnapshot template : project.files(FileRole.PAGE_TEMPLATE)) {
            pages.add(template.text().text());
        }
        // Layouts written as function components (`~H` in a .ex module) link from Elixir source.
        for (DocumentSnapshot source : project.files(FileRole.ELIXIR_SOURCE)) {
            String text = source.text().text();
            if (text.contains("~H") || text.contains("~E") || text.contains("~L")) {
                pages.add(text);
            }
        }
        boolean linksStatic = pages.stream().anyMatch(text -> LINKS_STATIC.matcher(text).find());
        boolean linksBuilt = pages.stream().anyMatch(text -> BUILT.matcher(text).find());
        return new PageStaticFiles(linksStatic && !linksBuilt);
    }
}
