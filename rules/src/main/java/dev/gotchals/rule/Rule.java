package dev.gotchals.rule;

import java.util.List;

/**
 * One deployment gotcha. A rule reads the files of one Mix project through a {@link ProjectContext} and
 * reports findings. The context records what it reads, so the engine reruns it only when one of those files
 * (or the listing of a role it enumerated) changes.
 */
public interface Rule {
    RuleInfo info();

    List<Finding> check(ProjectContext project);
}
