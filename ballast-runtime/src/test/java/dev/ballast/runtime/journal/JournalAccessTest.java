package dev.ballast.runtime.journal;

import dev.ballast.runtime.plan.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalAccessTest {
    private static final Path POINTER = Path.of("run", "journal.properties");

    @Test
    void targetsCompareHostsPortsAndDatabaseNotOptions() {
        assertThat(JournalAccess.target("jdbc:postgresql://DB.internal/ballast?ssl=true"))
                .isEqualTo(JournalAccess.target("jdbc:postgresql://db.internal:5432/ballast"));
        assertThat(JournalAccess.target("jdbc:postgresql://db.internal:5433/ballast"))
                .isNotEqualTo(JournalAccess.target("jdbc:postgresql://db.internal:5432/ballast"));
        assertThat(JournalAccess.target("jdbc:postgresql://db.internal/other"))
                .isNotEqualTo(JournalAccess.target("jdbc:postgresql://db.internal/ballast"));
    }

    @Test
    void aPointerWithoutAGivenDatabaseIsRefused() {
        JournalPointer pointer = new JournalPointer("jdbc:postgresql://127.0.0.1:9/x", "run-1", "PAPER");
        assertThatThrownBy(() -> JournalAccess.NONE.connectionFor(pointer, POINTER)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("a run folder supplies no database or credentials");
    }

    @Test
    void aPointerNamingAnotherDatabaseIsRefusedBeforeThePasswordIsRead() {
        JournalPointer pointer = new JournalPointer("jdbc:postgresql://evil.example:5432/x", "run-1", "PAPER");
        // Were the variable read, the refusal would say it is not set.
        JournalAccess given = new JournalAccess("jdbc:postgresql://db.internal/x", "ballast", "BALLAST_NO_SUCH_VAR_7", "run.yaml");
        assertThatThrownBy(() -> given.connectionFor(pointer, POINTER)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("names the database evil.example:5432/x, not the one given (db.internal:5432/x")
                .hasMessageNotContaining("BALLAST_NO_SUCH_VAR_7");
    }
}
