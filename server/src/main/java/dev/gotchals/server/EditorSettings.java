package dev.gotchals.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editor's {@code gotcha} settings section (from {@code initializationOptions}, {@code workspace/configuration}
 * or {@code workspace/didChangeConfiguration}) as {@link Settings}:
 *
 * <pre>
 * {"rules": {"GT007": {"enabled": false}, "hardcoded-secret": {"severity": "warning", "secret_keys": ["stripe_key"]}},
 *  "exclude": ["apps/legacy/**"], "diagnostics": {"scope": "openFiles"}}
 * </pre>
 *
 * also wrapped as {@code {"gotcha": {...}}}. Keys the server does not know at the top (client-side settings such as
 * {@code server}, {@code java}, {@code trace}) are ignored; a wrong value is skipped with a warning, never fatal.
 *
 * @param settings the settings that could be read
 * @param scope which files the editor is shown findings for
 * @param warnings one line per value that was skipped, for the log
 */
record EditorSettings(Settings settings, DiagnosticScope scope, List<String> warnings) {
    static final EditorSettings NONE = new EditorSettings(Settings.DEFAULT, DiagnosticScope.WORKSPACE, List.of());

    EditorSettings {
        warnings = List.copyOf(warnings);
    }

    /** Reads {@code json} (null, JSON null and an empty object set nothing); rules are named among {@code known}. */
    static EditorSettings read(JsonElement json, List<RuleInfo> known) {
        if (json == null || json.isJsonNull()) {
            return NONE;
        }
        List<String> warnings = new ArrayList<>();
        if (!json.isJsonObject()) {
            warnings.add("editor settings: expected an object like {\"rules\": {...}, \"exclude\": [...]}, got " + json);
            return new EditorSettings(Settings.DEFAULT, DiagnosticScope.WORKSPACE, warnings);
        }
        JsonObject object = json.getAsJsonObject();
        if (object.has("gotcha") && object.get("gotcha").isJsonObject()) {
            object = object.getAsJsonObject("gotcha");
        }
        Map<String, RuleSettings> rules = readRules(object.get("rules"), known, warnings);
        List<String> exclude = readExclude(object.get("exclude"), warnings);
        DiagnosticScope scope = readScope(object.get("diagnostics"), warnings);
        return new EditorSettings(new Settings(rules, exclude), scope, warnings);
    }

    /** {@code "diagnostics": {"scope": "workspace" | "openFiles"}}; anything else keeps the default, warned. */
    private static DiagnosticScope readScope(JsonElement json, List<String> warnings) {
        if (json == null || json.isJsonNull()) {
            return DiagnosticScope.WORKSPACE;
        }
        if (!json.isJsonObject()) {
            warnings.add("editor settings: gotcha.diagnostics takes an object such as {\"scope\": \"openFiles\"}, got "
                    + json + ", skipped");
            return DiagnosticScope.WORKSPACE;
        }
        JsonElement value = json.getAsJsonObject().get("scope");
        if (value == null || value.isJsonNull()) {
            return DiagnosticScope.WORKSPACE;
        }
        DiagnosticScope scope = value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? DiagnosticScope.fromLabel(value.getAsString()) : null;
        if (scope == null) {
            warnings.add("editor settings: gotcha.diagnostics.scope takes \"workspace\" or \"openFiles\", got " + value
                    + ", skipped");
            return DiagnosticScope.WORKSPACE;
        }
        return scope;
    }

    private static Map<String, RuleSettings> readRules(JsonElement json, List<RuleInfo> known, List<String> warnings) {
        Map<String, RuleSettings> rules = new LinkedHashMap<>();
        if (json == null || json.isJsonNull()) {
            return rules;
        }
        if (!json.isJsonObject()) {
            warnings.add("editor settings: gotcha.rules takes an object of rule settings by id or slug, got " + json);
            return rules;
        }
        for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject().entrySet()) {
            String name = entry.getKey();
            RuleInfo rule = RuleDocs.lookup(known, name);
            if (rule == null) {
                warnings.add("editor settings: unknown rule \"" + name + "\" in gotcha.rules, skipped");
                continue;
            }
            if (rules.containsKey(rule.id())) {
                warnings.add("editor settings: " + rule.id() + " (" + rule.slug() + ") is set twice in gotcha.rules; \""
                        + name + "\" is skipped");
                continue;
            }
            if (!entry.getValue().isJsonObject()) {
                warnings.add("editor settings: gotcha.rules." + name + " takes an object such as {\"enabled\": false},"
                        + " got " + entry.getValue() + ", skipped");
                continue;
            }
            rules.put(rule.id(), readRule(rule, name, entry.getValue().getAsJsonObject(), warnings));
        }
        return rules;
    }

    private static RuleSettings readRule(RuleInfo rule, String name, JsonObject json, List<String> warnings) {
        Boolean enabled = null;
        Severity severity = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        String where = "gotcha.rules." + name + ".";
        for (Map.Entry<String, JsonElement> field : json.entrySet()) {
            String key = field.getKey();
            JsonElement value = field.getValue();
            if (value.isJsonNull()) {
                continue; // unset
            }
            switch (key) {
                case "enabled" -> {
                    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
                        enabled = value.getAsBoolean();
                    } else {
                        warnings.add("editor settings: " + where + "enabled takes true or false, got " + value + ", skipped");
                    }
                }
                case "severity" -> {
                    severity = severity(value);
                    if (severity == null) {
                        warnings.add("editor settings: " + where + "severity takes \"error\", \"warning\", \"info\" or "
                                + "\"hint\", got " + value + ", skipped");
                    }
                }
                default -> {
                    RuleOption option = rule.option(key);
                    if (option == null) {
                        warnings.add("editor settings: " + rule.id() + " (" + rule.slug() + ") has no setting \"" + key
                                + "\", skipped");
                    } else {
                        List<String> strings = strings(value, where + key, warnings);
                        if (strings != null) {
                            options.put(key, strings);
                        }
                    }
                }
            }
        }
        return new RuleSettings(enabled, severity, options);
    }

    private static Severity severity(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? Severity.fromLabel(value.getAsString()) : null;
    }

    private static List<String> readExclude(JsonElement json, List<String> warnings) {
        List<String> globs = new ArrayList<>();
        if (json == null || json.isJsonNull()) {
            return globs;
        }
        List<String> strings = strings(json, "gotcha.exclude", warnings);
        for (String glob : strings == null ? List.<String>of() : strings) {
            String problem = Settings.globProblem(glob);
            if (problem != null) {
                warnings.add("editor settings: gotcha.exclude: " + problem + ", skipped");
            } else {
                globs.add(glob);
            }
        }
        return globs;
    }

    /** The strings of a JSON array, other items skipped with a warning; null (warned) for a non-array. */
    private static List<String> strings(JsonElement value, String where, List<String> warnings) {
        if (!value.isJsonArray()) {
            warnings.add("editor settings: " + where + " takes a list of strings, got " + value + ", skipped");
            return null;
        }
        List<String> strings = new ArrayList<>();
        JsonArray array = value.getAsJsonArray();
        for (JsonElement item : array) {
            if (item.isJsonPrimitive() && ((JsonPrimitive) item).isString()) {
                strings.add(item.getAsString());
            } else {
                warnings.add("editor settings: " + where + " takes a list of strings; " + item + " is skipped");
            }
        }
        return strings;
    }
}
