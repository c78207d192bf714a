package ai.aragora.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

import ch.qos.logback.classic.Level;

class LogLevelsTest {

    @Test
    void acceptsTheLauncherVocabularyInAnyCase() {
        assertThat(LogLevels.logback("debug")).isEqualTo(Level.DEBUG);
        assertThat(LogLevels.logback(" WARN ")).isEqualTo(Level.WARN);
    }

    @Test
    void rejectsUnknownLevelsInsteadOfFallingBackToDebug() {
        assertThatThrownBy(() -> LogLevels.logback("LOUD")).hasMessageContaining("LOUD");
    }

    @Test
    void mapsToJulLevels() {
        assertThat(LogLevels.jul(Level.DEBUG)).isEqualTo(java.util.logging.Level.FINE);
        assertThat(LogLevels.jul(Level.WARN)).isEqualTo(java.util.logging.Level.WARNING);
    }

    @Test
    void mapsToOsgiLevels() {
        assertThat(LogLevels.osgi(Level.TRACE)).isEqualTo(LogLevel.TRACE);
        assertThat(LogLevels.osgi(Level.INFO)).isEqualTo(LogLevel.INFO);
        assertThat(LogLevels.osgi(Level.ERROR)).isEqualTo(LogLevel.ERROR);
    }
}
