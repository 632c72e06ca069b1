package dev.gotchals.engine;

import java.util.List;

/**
 * What one analysis of a project computed again rather than kept: the rules it ran, and the models those rules (or
 * the engine, for settings and suppressions) built. What an edit costs, beyond parsing the file it changed.
 *
 * @param rulesRun    the ids of the rules that ran
 * @param rulesKept   how many enabled rules kept their last findings, having read nothing that changed
 * @param modelsBuilt the models built, by type (and key)
 */
public record Recomputed(List<String> rulesRun, int rulesKept, List<String> modelsBuilt) {
    public static final Recomputed NOTHING = new Recomputed(List.of(), 0, List.of());

    public Recomputed {
        rulesRun = List.copyOf(rulesRun);
        modelsBuilt = List.copyOf(modelsBuilt);
    }

    @Override
    public String toString() {
        return rulesRun.size() + " rules run " + rulesRun + ", " + rulesKept + " kept, " + modelsBuilt.size()
                + " models built " + modelsBuilt;
    }
}
