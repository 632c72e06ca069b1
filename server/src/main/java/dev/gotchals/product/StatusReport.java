package dev.gotchals.product;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gotchals.analysis.WorkspaceStatus;
import dev.gotchals.analysis.WorkspaceStatusText;

import java.util.Map;

/**
 * A {@link WorkspaceStatus} under the program's name and version, as text or as JSON
 * ({@code {"tool", "version", "javaVersion", "javaHome", "folders", "projects": [...]}}, absent facts as null): what
 * {@code gotcha-ls status} prints and the language server's {@code gotcha.showStatus} returns.
 */
public final class StatusReport {
    private StatusReport() {
    }

    public static String text(WorkspaceStatus status) {
        return WorkspaceStatusText.render(status, "Gotcha LS " + Version.get());
    }

    public static JsonObject json(WorkspaceStatus status) {
        JsonObject json = new JsonObject();
        json.addProperty("tool", "gotcha-ls");
        json.addProperty("version", Version.get());
        JsonObject fields = new GsonBuilder().serializeNulls().create().toJsonTree(status).getAsJsonObject();
        for (Map.Entry<String, JsonElement> field : fields.entrySet()) {
            json.add(field.getKey(), field.getValue());
        }
        return json;
    }
}
