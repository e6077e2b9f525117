package dev.ballast.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Dependencies point one way: cli -> adapters (journal.postgres) -> engine -> model; the model uses nothing but the JDK. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ballast");

    @Test
    void modelDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("dev.ballast.model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.ballast.model..", "java..")
                .check(CLASSES);
    }

    @Test
    void engineDoesNotDependOnTheCommandLine() {
        noClasses().that().resideInAPackage("dev.ballast.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.cli..", "dev.ballast.examples..",
                        "picocli..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void engineDoesNotDependOnItsAdapters() {
        noClasses().that().resideInAPackage("dev.ballast.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.journal..", "org.postgresql..",
                        "com.zaxxer..", "org.flywaydb..")
                .check(CLASSES);
    }

    @Test
    void journalAdaptersDoNotDependOnTheCommandLine() {
        noClasses().that().resideInAPackage("dev.ballast.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void examplesUseOnlyTheStrategyApiAndTheModel() {
        noClasses().that().resideInAPackage("dev.ballast.examples..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.cli..", "dev.ballast.engine.order..",
                        "dev.ballast.engine.portfolio..", "dev.ballast.engine.risk..", "dev.ballast.engine.broker..")
                .check(CLASSES);
    }

    @Test
    void engineComponentsDoNotDependOnTheCompositionRoot() {
        noClasses().that().resideInAPackage("dev.ballast.engine.*..")
                .should().dependOnClassesThat().resideInAPackage("dev.ballast.engine")
                .check(CLASSES);
    }

    @Test
    void enginePackagesHaveNoCycles() {
        slices().matching("dev.ballast.engine.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
