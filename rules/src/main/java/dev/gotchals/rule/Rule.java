package dev.gotchals.rule;

import dev.gotchals.workspace.FileRole;

import java.util.List;
import java.util.Set;

/**
 * One deployment gotcha. A rule reads the files of one Mix project through a {@link ProjectContext} and
 * reports findings; the engine reruns it only when a file of a role in {@link #reads()} changes, so that set
 * must name every role the rule looks at.
 */
public interface Rule {
    RuleInfo info();

    Set<FileRole> reads();

    List<Finding> check(ProjectContext project);
}
