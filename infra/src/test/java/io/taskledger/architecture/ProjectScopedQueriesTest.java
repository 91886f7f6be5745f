package io.taskledger.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.taskledger.api.access.Caller;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every query about a project carries its viewer, so that its handler can decide what that viewer may see where it
 * reads ({@code ProjectReadAccess}), as the aggregate decides commands. A query names its project only through a
 * {@link ProjectScope}, whose viewer is required; such a query is a {@link ProjectScopedQuery}.
 */
class ProjectScopedQueriesTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.taskledger.api");

    /** A query that names a project: by a project id, a scope or another project-scoped query among its fields. */
    private static final DescribedPredicate<JavaClass> NAMES_A_PROJECT =
            new DescribedPredicate<>("name a project in a field") {
                @Override
                public boolean test(JavaClass query) {
                    return query.getFields().stream().map(JavaField::getRawType).anyMatch(type ->
                            type.isEquivalentTo(ProjectId.class) || type.isEquivalentTo(ProjectScope.class)
                                    || type.isAssignableTo(ProjectScopedQuery.class));
                }
            };

    private static final ArchCondition<JavaClass> CARRY_THE_VIEWER =
            new ArchCondition<>("be a ProjectScopedQuery naming its project only through a ProjectScope") {
                @Override
                public void check(JavaClass query, ConditionEvents events) {
                    if (!query.isAssignableTo(ProjectScopedQuery.class)) {
                        events.add(SimpleConditionEvent.violated(query, query.getName()
                                + " names a project but is no ProjectScopedQuery, so it carries no viewer"));
                    }
                    for (JavaField field : query.getFields()) {
                        if (field.getRawType().isEquivalentTo(ProjectId.class)) {
                            events.add(SimpleConditionEvent.violated(query, query.getName() + "." + field.getName()
                                    + " names the project without a ProjectScope, so without its viewer"));
                        }
                    }
                }
            };

    static final ArchRule PROJECT_SCOPED_QUERIES_CARRY_THE_VIEWER = classes()
            .that().haveSimpleNameEndingWith("Query").and(NAMES_A_PROJECT)
            .should(CARRY_THE_VIEWER);

    @Test
    void every_query_about_a_project_carries_its_viewer() {
        PROJECT_SCOPED_QUERIES_CARRY_THE_VIEWER.check(API);
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void a_scope_always_names_its_viewer() {
        assertThat(Arrays.stream(ProjectScope.class.getRecordComponents()).map(RecordComponent::getType))
                .contains((Class) Caller.class);
        assertThatThrownBy(() -> new ProjectScope(ProjectId.random(), null, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("viewer");
    }

    /** The rule is not vacuous: a query naming its project by id alone, as queries once did, breaks it. */
    @Test
    void a_query_naming_a_project_without_a_viewer_breaks_the_rule() {
        JavaClasses offending = new ClassFileImporter().importClasses(FindSecretsQuery.class);

        assertThat(PROJECT_SCOPED_QUERIES_CARRY_THE_VIEWER.evaluate(offending).hasViolation()).isTrue();
        assertThat(PROJECT_SCOPED_QUERIES_CARRY_THE_VIEWER.evaluate(API).hasViolation()).isFalse();
    }

    record FindSecretsQuery(ProjectId projectId) {
    }
}
