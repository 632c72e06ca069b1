package dev.gotchals.architecture;

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
    /** The packages of the server module; every other package is the analysis library (the rules module). */
    private static final String[] SERVER_MODULE = {"dev.gotchals.server..", "dev.gotchals.cli..", "dev.gotchals.product.."};

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("dev.gotchals.(**)").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void theAnalysisLibraryNeverUsesLspTypes() {
        noClasses().that().resideOutsideOfPackages(SERVER_MODULE)
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.lsp4j..")
                .check(PRODUCT);
    }

    @Test
    void theModelAndTheSharedEditsNeverUseTheRuleClasses() {
        noClasses().that().resideInAnyPackage("dev.gotchals.model..", "dev.gotchals.edit..", "dev.gotchals.shell..",
                        "dev.gotchals.mix..", "dev.gotchals.elixir..", "dev.gotchals.docker..", "dev.gotchals.javascript..",
                        "dev.gotchals.facts..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gotchals.rules..")
                .check(PRODUCT);
    }
}
