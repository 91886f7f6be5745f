package io.taskledger.api.ids;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectVersionTest {

    @Test
    void a_header_names_the_version_bare_or_as_the_etag_a_command_answered() {
        assertThat(ProjectVersion.fromHeader("If-Match", "12")).isEqualTo(ProjectVersion.of(12));
        assertThat(ProjectVersion.fromHeader("If-Match", " \"12\" ")).isEqualTo(ProjectVersion.of(12));
        assertThat(ProjectVersion.fromHeader("If-None-Match", "W/\"12\"")).isEqualTo(ProjectVersion.of(12));
        assertThat(ProjectVersion.fromHeader("X-Min-Version", null)).isNull();
        assertThat(ProjectVersion.of(12).etag()).isEqualTo("\"12\"");
    }

    @Test
    void text_that_is_not_a_version_is_refused_naming_the_header() {
        for (String bad : new String[] {"abc", "-1", "1.5", "", "\"\"", "12345678901234567890"}) {
            assertThatThrownBy(() -> ProjectVersion.fromHeader("X-Min-Version", bad))
                    .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("X-Min-Version");
                    });
        }
    }
}
