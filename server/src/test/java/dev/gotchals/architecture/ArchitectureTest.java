package dev.gotchals.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of both modules: no package depends on itself through others, the analysis library never sees
 * LSP types, and the deployment model and shared edits never reach into the rule classes.
 */
class ArchitectureTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gotchals");
    /** The packages of the rules module: the analysis library. */
    private static final String[] LIBRARY = {"dev.gotchals.analysis..", "dev.gotchals.document..",
            "dev.gotchals.docker..", "dev.gotchals.edit..", "dev.gotchals.elixir..", "dev.gotchals.engine..",
            "dev.gotchals.facts..", "dev.gotchals.model..", "dev.gotchals.rule..", "dev.gotchals.rules..",
            "dev.gotchals.settings..", "dev.gotchals.shell..", "dev.gotchals.suppress..", "dev.gotchals.syntax..",
            "dev.gotchals.text..", "dev.gotchals.workspace.."};

    /**
     * One known exception: the project scan reads mix.exs with the Elixir syntax helpers while the config timeline,
     * in the same package as those helpers, reads through the rules' context. It ends when the timeline moves to
     * the config model.
     */
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("dev.gotchals.(**)").should().beFreeOfCycles()
                .ignoreDependency(JavaClass.Predicates.simpleName("MixfileReader"),
                        JavaClass.Predicates.simpleName("ElixirSyntax"))
                .check(PRODUCT);
    }

    @Test
    void theAnalysisLibraryNeverUsesLspTypes() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.lsp4j..")
                .check(PRODUCT);
    }

    @Test
    void theModelAndTheSharedEditsNeverUseTheRuleClasses() {
        noClasses().that().resideInAnyPackage("dev.gotchals.model..", "dev.gotchals.edit..", "dev.gotchals.shell..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gotchals.rules..")
                .allowEmptyShould(true)
                .check(PRODUCT);
    }
}
