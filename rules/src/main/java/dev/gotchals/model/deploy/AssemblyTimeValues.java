package dev.gotchals.model.deploy;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables {@code rel/env.sh.eex} sets to a value its EEx computes ({@code export SECRET_KEY_BASE=<%=
 * Base.encode16(:crypto.strong_rand_bytes(32)) %>}). Mix evaluates the template once, when {@code mix release}
 * assembles the release: the value is the same in every copy of the release and every container of its image, where
 * anyone holding them reads it in {@code releases/VSN/env.sh}; and unless it falls back to the environment
 * ({@code ${SECRET_KEY_BASE:-…}}) the export replaces the value the platform sets.
 */
public record AssemblyTimeValues(List<Value> values) implements ValueModel {
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?m)^[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)=(\\S*<%=.*?%>\\S*)[ \\t]*$");

    /**
     * One such variable.
     *
     * @param overridesEnvironment whether the value replaces the variable the environment gives
     * @param start                where its value starts in the file
     */
    public record Value(String name, boolean overridesEnvironment, int start, int end) {
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
            String value = assignment.group(2);
            boolean fallsBack = value.startsWith("${" + name + ":-") || value.startsWith("${" + name + "-");
            values.add(new Value(name, !fallsBack, assignment.start(2), assignment.end(2)));
        }
        return new AssemblyTimeValues(values);
    }
}
