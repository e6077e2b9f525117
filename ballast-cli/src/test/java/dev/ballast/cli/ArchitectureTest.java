package dev.ballast.cli;

import dev.ballast.engine.EngineSettings;
import dev.ballast.engine.TradingEngine;
import dev.ballast.engine.broker.BrokerageInterface;
import dev.ballast.engine.clock.Clock;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Dependencies point one way: cli -> runtime -> adapters (journal.postgres, the FIX and Alpaca brokers) and examples ->
 * engine -> model; the model uses nothing but the JDK; only the runtime assembles an engine.
 */
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
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.cli..", "dev.ballast.runtime..",
                        "dev.ballast.examples..",
                        "picocli..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void engineDoesNotDependOnItsAdapters() {
        noClasses().that().resideInAPackage("dev.ballast.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.journal..", "org.postgresql..",
                        "com.zaxxer..", "org.flywaydb..", "dev.ballast.adapter..", "quickfix..", "io.javalin..")
                .check(CLASSES);
    }

    @Test
    void brokerAdaptersKnowOnlyTheEngineAndTheModel() {
        noClasses().that().resideInAPackage("dev.ballast.adapter..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.cli..", "dev.ballast.runtime..",
                        "dev.ballast.journal..", "dev.ballast.examples..", "picocli..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.ballast.adapter.fix..")
                .should().dependOnClassesThat().resideInAPackage("dev.ballast.adapter.alpaca..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.ballast.adapter.alpaca..")
                .should().dependOnClassesThat().resideInAPackage("dev.ballast.adapter.fix..")
                .check(CLASSES);
    }

    @Test
    void runtimeDoesNotDependOnTheCommandLine() {
        noClasses().that().resideInAPackage("dev.ballast.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheRuntimeAssemblesAnEngine() {
        noClasses().that().resideOutsideOfPackage("dev.ballast.runtime")
                .should().callConstructor(TradingEngine.class, EngineSettings.class, Clock.class, BrokerageInterface.class,
                        List.class, Consumer.class)
                .because("one place wires a run: dev.ballast.runtime.Run")
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
                .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.cli..", "dev.ballast.runtime..", "dev.ballast.engine.order..",
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
