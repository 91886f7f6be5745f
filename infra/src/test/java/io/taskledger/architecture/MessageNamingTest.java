package io.taskledger.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.taskledger.api.account.AccountCommand;
import io.taskledger.api.account.AccountEvent;
import io.taskledger.api.command.ProjectCommand;
import io.taskledger.api.event.ProjectEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** Messages are records; commands are imperative ...Command, events carry a revision. */
class MessageNamingTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.taskledger.api");

    @Test
    void commands_are_records_named_as_imperatives() {
        classes().that().implement(ProjectCommand.class).or().implement(AccountCommand.class)
                .should().beRecords().andShould().haveSimpleNameEndingWith("Command")
                .check(API);
    }

    @Test
    void events_are_records_with_a_revision_and_no_command_suffix() {
        classes().that().implement(ProjectEvent.class).or().implement(AccountEvent.class)
                .should().beRecords()
                .andShould().beAnnotatedWith(Revision.class)
                .andShould().haveSimpleNameNotEndingWith("Command")
                .andShould().haveSimpleNameNotEndingWith("Event")
                .check(API);
    }
}
