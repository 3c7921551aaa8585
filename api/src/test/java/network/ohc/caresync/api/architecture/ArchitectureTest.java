package network.ohc.caresync.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN.md §1: dependencies point inwards only; the model knows nothing of Spring, JDBC or HTTP. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("network.ohc.caresync");
    }

    @Test
    void theDomainDependsOnNoFrameworkButAxonModellingAndJackson() {
        noClasses().that().resideInAPackage("network.ohc.caresync.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "java.net.http..", "jakarta.servlet..", "org.postgresql..",
                        "com.fasterxml.jackson.databind..", "network.ohc.caresync.application..",
                        "network.ohc.caresync.infrastructure..", "network.ohc.caresync.api..")
                .check(classes);
    }

    @Test
    void theApplicationDependsOnTheDomainAndAxonOnly() {
        noClasses().that().resideInAPackage("network.ohc.caresync.application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "java.net.http..", "jakarta.servlet..", "org.postgresql..",
                        "network.ohc.caresync.infrastructure..", "network.ohc.caresync.api..")
                .check(classes);
    }

    @Test
    void theInfrastructureDoesNotDependOnTheApi() {
        noClasses().that().resideInAPackage("network.ohc.caresync.infrastructure..")
                .should().dependOnClassesThat().resideInAnyPackage("network.ohc.caresync.api..")
                .check(classes);
    }

    @Test
    void care_syncDoesNotDependOnTheSimulator() {
        noClasses().that().resideInAnyPackage("network.ohc.caresync.domain..", "network.ohc.caresync.application..",
                        "network.ohc.caresync.infrastructure..", "network.ohc.caresync.api..")
                .should().dependOnClassesThat().resideInAPackage("network.ohc.caresync.simulator..")
                .check(classes);
    }
}
