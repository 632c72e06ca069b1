package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageSocketsTest {
    /** What `mix phx.new` 1.3 writes in assets/js/app.js: the socket module named only in comments. */
    private static final String APP_JS = """
            // Brunch automatically concatenates all files in your
            // watched paths. Those paths can be configured at
            // config.paths.watched in "brunch-config.js".
            import "phoenix_html"

            // Import local files
            //
            // Local files can be imported directly using relative
            // paths "./socket" or full ones "web/static/js/socket".

            // import socket from "./socket"
            """;

    private static final String SOCKET_JS = """
            // NOTE: The contents of this file will only be executed if
            // you uncomment its entry in "assets/js/app.js".
            import {Socket} from "phoenix"

            let socket = new Socket("/socket", {params: {token: window.userToken}})

            socket.connect()

            export default socket
            """;

    @TempDir
    Path temp;
    private int projects;

    private PageSockets pages(Map<String, String> files) {
        return PageSockets.of(ConfigProject.open(temp.resolve("project" + projects++), files));
    }

    @Test
    void aSocketModuleImportedOnlyInACommentNeverRuns() {
        assertEquals(PageSockets.NONE_OPENED, pages(Map.of("assets/js/app.js", APP_JS, "assets/js/socket.js", SOCKET_JS)));
        assertEquals(PageSockets.OPENED, pages(Map.of("assets/js/app.js",
                APP_JS.replace("// import socket from", "import socket from"), "assets/js/socket.js", SOCKET_JS)));
        assertEquals(PageSockets.OPENED, pages(Map.of("assets/js/app.js",
                APP_JS + "import \"./socket.js\"\n", "assets/js/socket.js", SOCKET_JS)), "with its extension");
    }

    @Test
    void aScriptNothingNamesMayBeAnEntryPoint() {
        assertEquals(PageSockets.OPENED, pages(Map.of("web/static/js/app.js", """
                import {Socket} from "phoenix"
                let socket = new Socket("/socket")
                socket.connect()
                """)), "Phoenix 1.2's layout, the socket opened in the entry itself");
        assertEquals(PageSockets.OPENED, pages(Map.of("apps/web/assets/js/app.js", """
                import {Socket as PhoenixSocket} from "phoenix"
                const socket = new PhoenixSocket("wss://api.example.org/socket")
                """, "apps/web/mix.exs", "defmodule Web.MixProject do\nend\n",
                "mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [apps_path: \"apps\", deps: []]\nend\n")), "an umbrella app's page, any name");
    }

    @Test
    void commentedOutCodeOpensNoSocket() {
        assertEquals(PageSockets.NONE_OPENED, pages(Map.of("assets/js/app.js", """
                import "phoenix_html"
                /* let socket = new Socket("/socket")
                   socket.connect() */
                const docs = "https://hexdocs.pm/phoenix/js" // new Socket("/socket")
                """)));
        assertEquals(PageSockets.OPENED, pages(Map.of("assets/js/app.js", """
                const base = "//cdn.example.org/"
                let liveSocket = new LiveSocket("/live", Socket, {params: {_csrf_token: csrfToken}})
                """)), "// inside a string starts no comment");
    }

    @Test
    void withoutPageScriptsOfItsOwnTheClientsAreNotInSight() {
        assertEquals(PageSockets.NO_PAGE_SCRIPTS, pages(Map.of("lib/shop.ex", "defmodule Shop do\nend\n")));
        assertEquals(PageSockets.NO_PAGE_SCRIPTS, pages(Map.of(
                "assets/vendor/phoenix.js", "new Socket(\"/socket\")\n",
                "assets/webpack.config.js", "module.exports = {}\n",
                "assets/node_modules/phoenix/priv/static/phoenix.js", "new Socket(\"/socket\")\n",
                "priv/static/js/app.js", "new Socket(\"/socket\")\n",
                "assets/js/app.test.js", "new Socket(\"/socket\")\n")),
                "copied libraries, build settings, built output and tests are not the project's page scripts");
    }

    @Test
    void modulesAreNamedByFileOrByFolderForAnIndex() {
        assertEquals("socket", PageSockets.moduleName("./socket"));
        assertEquals("socket", PageSockets.moduleName("web/static/js/socket.js"));
        assertEquals("socket", PageSockets.moduleName("./socket/index.ts"));
        assertEquals("phoenix", PageSockets.moduleName("phoenix"));
    }
}
