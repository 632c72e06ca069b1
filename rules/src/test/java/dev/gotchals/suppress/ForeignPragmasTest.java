package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ForeignSuppression;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.SourceLanguage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForeignPragmasTest {
    private static final RuleInfo SECRETS = new RuleInfo("GT900", "secret-check", "t", Severity.ERROR, "e", "b", "g")
            .honouring(ForeignSuppression.dockerBuildCheck("SecretsUsedInArgOrEnv"));
    private static final RuleInfo ROOT = new RuleInfo("GT901", "root-check", "t", Severity.WARNING, "e", "b", "g")
            .honouring(ForeignSuppression.hadolint("DL3002"));
    private static final RuleInfo PLAIN = new RuleInfo("GT902", "plain", "t", Severity.WARNING, "e", "b", "g");

    private static boolean suppressed(RuleInfo rule, String dockerfile, String flagged) {
        DocumentSnapshot file = DirectiveScannerTest.snapshot("Dockerfile", SourceLanguage.DOCKERFILE, dockerfile);
        int start = dockerfile.indexOf(flagged);
        return ForeignPragmas.suppress(new Finding(rule, rule.defaultSeverity(), file, start, start + flagged.length(),
                "m", List.of()));
    }

    @Test
    void dockersCheckSkipDirectiveAtTheTopSuppressesTheRulesThatDeclareIt() {
        String dockerfile = "# syntax=docker/dockerfile:1\n# check=skip=SecretsUsedInArgOrEnv\nFROM debian\nARG API_TOKEN\n";
        assertTrue(suppressed(SECRETS, dockerfile, "ARG API_TOKEN"));
        assertTrue(suppressed(SECRETS, "# check=skip=all;error=true\nFROM debian\nARG API_TOKEN\n", "ARG API_TOKEN"));
        assertTrue(suppressed(SECRETS, "# check=skip=JSONArgsRecommended,SecretsUsedInArgOrEnv\nFROM debian\nARG T\n", "ARG T"));
        assertFalse(suppressed(PLAIN, dockerfile, "ARG API_TOKEN"));
        assertFalse(suppressed(ROOT, dockerfile, "ARG API_TOKEN"));
    }

    @Test
    void aCheckDirectiveBelowTheFirstInstructionOrBlankLineIsAComment() {
        assertFalse(suppressed(SECRETS, "FROM debian\n# check=skip=SecretsUsedInArgOrEnv\nARG T\n", "ARG T"));
        assertFalse(suppressed(SECRETS, "\n# check=skip=SecretsUsedInArgOrEnv\nFROM debian\nARG T\n", "ARG T"));
        assertFalse(suppressed(SECRETS, "# a comment\n# check=skip=SecretsUsedInArgOrEnv\nFROM debian\nARG T\n", "ARG T"));
    }

    @Test
    void hadolintIgnoresTheLineBelowOnlyOrTheFileWhenGlobal() {
        assertTrue(suppressed(ROOT, "FROM debian\n# hadolint ignore=DL3008,DL3002\nUSER root\n", "USER root"));
        assertFalse(suppressed(ROOT, "FROM debian\n# hadolint ignore=DL3002\n\nUSER root\n", "USER root"));
        assertFalse(suppressed(ROOT, "FROM debian\n# hadolint ignore=DL3008\nUSER root\n", "USER root"));
        assertTrue(suppressed(ROOT, "# hadolint global ignore=DL3002\nFROM debian\nUSER root\n", "USER root"));
    }

    @Test
    void onlyDockerfilesAreRead() {
        DocumentSnapshot script = DirectiveScannerTest.snapshot("entrypoint.sh", null, "# hadolint ignore=DL3002\nexec app\n");
        assertFalse(ForeignPragmas.suppress(new Finding(ROOT, ROOT.defaultSeverity(), script, 25, 33, "m", List.of())));
    }
}
