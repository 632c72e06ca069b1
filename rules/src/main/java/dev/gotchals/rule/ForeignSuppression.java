package dev.gotchals.rule;

/**
 * Another tool's suppression comment that a rule honours because it reports what that tool's check reports: a
 * Dockerfile that already silences hadolint's DL3002 ("last USER should not be root") with a reason should not
 * have to say it twice. Only Dockerfile findings are matched.
 *
 * @param tool the tool whose comment syntax is read
 * @param code the tool's name for its check ("DL3002", "SecretsUsedInArgOrEnv")
 */
public record ForeignSuppression(Tool tool, String code) {

    /** The tools whose suppressions are read, and where their comments go. */
    public enum Tool {
        /** {@code # hadolint ignore=DL3002} on the line above the finding, or {@code # hadolint global ignore=DL3002}. */
        HADOLINT,
        /** Docker's build checks: the parser directive {@code # check=skip=SecretsUsedInArgOrEnv} atop the Dockerfile. */
        DOCKER_BUILD_CHECK
    }

    /** A hadolint rule code, suppressed by {@code # hadolint ignore=CODE}. */
    public static ForeignSuppression hadolint(String code) {
        return new ForeignSuppression(Tool.HADOLINT, code);
    }

    /** A Docker build check, suppressed by {@code # check=skip=CODE} (or {@code skip=all}). */
    public static ForeignSuppression dockerBuildCheck(String code) {
        return new ForeignSuppression(Tool.DOCKER_BUILD_CHECK, code);
    }

    /** How the suppression is written, for documentation. */
    public String example() {
        return tool == Tool.HADOLINT ? "# hadolint ignore=" + code : "# check=skip=" + code;
    }
}
