package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.RuleInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/rules/&lt;slug&gt;.md are generated from the rules' own documentation; this fails when they drift. After
 * changing a rule's docs: {@code mvn verify -Dgotcha.updateDocs=true}.
 */
class RuleDocsTest {
    @Test
    void ruleIdsAndSlugsAreUniqueAndWellFormed() {
        Set<String> names = new HashSet<>();
        for (RuleInfo info : Rules.catalog()) {
            assertTrue(info.id().matches("GT\\d{3}"), info.id());
            assertTrue(info.slug().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), info.slug());
            assertTrue(names.add(info.id()) && names.add(info.slug()), "duplicate " + info.id() + "/" + info.slug());
            assertTrue(info.bad().contains("```") && info.good().contains("```"), info.id() + " needs examples");
        }
        assertEquals(Rules.all().size() + RuleEngine.ENGINE_RULES.size(), Rules.catalog().size());
    }

    @Test
    void docsPagesMatchTheRules() throws IOException {
        Path docs = TestWorkspaces.root().getParent().resolve("docs/rules");
        boolean update = Boolean.getBoolean("gotcha.updateDocs");
        Set<String> expectedPages = new HashSet<>();
        for (RuleInfo info : Rules.catalog()) {
            String page = info.slug() + ".md";
            expectedPages.add(page);
            String rendered = RuleDocs.markdown(info);
            if (update) {
                Files.createDirectories(docs);
                Files.writeString(docs.resolve(page), rendered);
            } else {
                assertTrue(Files.exists(docs.resolve(page)), "missing docs/rules/" + page + "; run mvn verify -Dgotcha.updateDocs=true");
                assertEquals(rendered, Files.readString(docs.resolve(page)), "docs/rules/" + page + " is out of date");
            }
        }
        try (Stream<Path> pages = Files.list(docs)) {
            List<String> stale = pages.map(p -> p.getFileName().toString()).filter(name -> !expectedPages.contains(name)).toList();
            assertEquals(List.of(), stale, "pages of rules that no longer exist");
        }
    }
}
