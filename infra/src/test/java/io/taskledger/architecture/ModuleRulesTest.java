package io.taskledger.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rules of the design brief, held by the build. */
class ModuleRulesTest {

    private static final String API = "io.taskledger.api..";
    private static final String COMMAND_SIDE = "io.taskledger.command..";
    private static final String PROJECTIONS = "io.taskledger.projections..";
    private static final String QUERY_SIDE = "io.taskledger.query..";
    private static final String DOMAIN = "io.taskledger.command.domain..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.taskledger");

    @Test
    void the_published_language_depends_on_nothing_of_ours_nor_on_spring_or_jpa() {
        noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat().resideInAnyPackage(
                        COMMAND_SIDE, PROJECTIONS, QUERY_SIDE, "io.taskledger.infra..",
                        "org.springframework..", "jakarta.persistence..", "org.hibernate..")
                .check(CLASSES);
    }

    @Test
    void the_command_side_never_touches_projections_or_the_query_side() {
        noClasses().that().resideInAPackage(COMMAND_SIDE)
                .should().dependOnClassesThat().resideInAnyPackage(PROJECTIONS, QUERY_SIDE)
                .check(CLASSES);
    }

    @Test
    void the_query_side_reads_only_through_queries() {
        noClasses().that().resideInAPackage(QUERY_SIDE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        PROJECTIONS, COMMAND_SIDE, "jakarta.persistence..", "org.springframework.data..",
                        "org.springframework.jdbc..")
                .check(CLASSES);
    }

    @Test
    void projections_know_events_and_queries_not_the_command_or_query_side() {
        noClasses().that().resideInAPackage(PROJECTIONS)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND_SIDE, QUERY_SIDE)
                .check(CLASSES);
    }

    @Test
    void the_domain_is_free_of_web_and_persistence_frameworks() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "java.sql..", "javax.sql..")
                .check(CLASSES);
    }

    @Test
    void the_account_aggregate_is_free_of_web_and_persistence_frameworks() {
        noClasses().that().haveFullyQualifiedName("io.taskledger.command.accounts.Account")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.jdbc..", "org.springframework.security..",
                        "jakarta.persistence..", "java.sql..", "javax.sql..")
                .check(CLASSES);
    }

    @Test
    void the_domain_takes_time_from_an_injected_clock() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(CLASSES);
    }
}
