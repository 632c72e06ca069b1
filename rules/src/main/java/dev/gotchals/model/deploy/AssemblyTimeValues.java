package dev.gotchals.model.deploy;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables {@code rel/env.sh.eex} sets to a value fixed when {@code mix release} assembles the release: one its
 * EEx computes ({@code export SECRET_KEY_BASE=<%= Base.encode16(:crypto.strong_rand_bytes(32)) %>}), which Mix
 * evaluates once, or a literal written in the template ({@code export SECRET_KEY_BASE=3AW…}). Either is the same in
 * every copy of the release and every container of its image, where anyone holding them reads it in
 * {@code releases/VSN/env.sh}; and unless it only falls back to the environment ({@code ${SECRET_KEY_BASE:-…}}) the
 * export replaces the value the platform sets. A value that reads any variable ({@code $PGHOST}) keeps its literal
 * parts: {@code ecto://app:pw@$PGHOST/db} still holds a password.
 */
public record AssemblyTimeValues(List<Value> values) implements ValueModel {
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?m)^[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)="
            + "(\\S*<%=.*?%>\\S*|\"[^\"\\n]*\"|'[^'\\n]*'|\\S+)[ \\t]*(?:#.*)?$");

    /**
     * One such variable.
     *
     * @param value                the value as the script has it, quotes removed, and past a {@code ${NAME:-}} fallback
     * @param generated            whether the EEx computes it; else it is written in the template
     * @param overridesEnvironment whether the value replaces the variable the environment gives
     * @param start                where its value starts in the file
     */
    public record Value(String name, String value, boolean generated, boolean overridesEnvironment, int start,
                        int end) {
    }

    public AssemblyTimeValues {
        values = List.copyOf(values);
    }

    public static AssemblyTimeValues of(ProjectContext project) {
        return project.model(AssemblyTimeValues.class, context -> {
            ScriptFile envScript = DeployModel.of(context).envScript();
            return envScript == null ? new AssemblyTimeValues(List.of()) : read(envScript.file().text().text());
        });
    }

    static AssemblyTimeValues read(String text) {
        List<Value> values = new ArrayList<>();
        Matcher assignment = ASSIGNMENT.matcher(text);
        while (assignment.find()) {
            String name = assignment.group(1);
            String value = unquoted(assignment.group(2));
            String fallback = fallback(name, value);
            String fixed = fallback != null ? fallback : value;
            if (!fixed.isEmpty()) {
                values.add(new Value(name, fixed, fixed.contains("<%="), fallback == null, assignment.start(2),
                        assignment.end(2)));
            }
        }
        return new AssemblyTimeValues(values);
    }

    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    /** What {@code ${NAME:-fallback}} (or {@code ${NAME-fallback}}) gives when NAME is unset, or null for another form. */
    private static String fallback(String name, String value) {
        for (String opening : List.of("${" + name + ":-", "${" + name + "-")) {
            if (value.startsWith(opening) && value.endsWith("}")) {
                return value.substring(opening.length(), value.length() - 1);
            }
        }
        return null;
    }
}
