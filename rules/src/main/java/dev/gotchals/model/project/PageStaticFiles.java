package dev.gotchals.model.project;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.util.regex.Pattern;
import java.util.stream.Stream;

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
        // Templates first; layouts written as function components (`~H` in a .ex module) link from Elixir source,
        // read only when no template has named a build's output already.
        Stream<String> pages = Stream.concat(
                project.files(FileRole.PAGE_TEMPLATE).stream().map(file -> file.text().text()),
                Stream.of(FileRole.ELIXIR_SOURCE).flatMap(role -> project.files(role).stream())
                        .map(file -> file.text().text()).filter(PageStaticFiles::writesMarkup));
        boolean linksStatic = false;
        for (String page : (Iterable<String>) pages::iterator) {
            if (BUILT.matcher(page).find()) {
                return new PageStaticFiles(false); // one page that loads a build's output settles it
            }
            linksStatic = linksStatic || LINKS_STATIC.matcher(page).find();
        }
        return new PageStaticFiles(linksStatic);
    }

    /** Whether Elixir source holds markup: a HEEx, EEx or LEEx sigil. */
    private static boolean writesMarkup(String source) {
        return source.contains("~H") || source.contains("~E") || source.contains("~L");
    }
}
