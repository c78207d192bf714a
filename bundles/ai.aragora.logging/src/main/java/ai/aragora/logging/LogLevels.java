package ai.aragora.logging;

import java.util.Locale;

import org.osgi.service.log.LogLevel;

import ch.qos.logback.classic.Level;

/** The one place that translates between the level vocabularies of the three logging APIs. */
final class LogLevels {

    private LogLevels() {
    }

    static Level logback(String level) {
        Level parsed = Level.toLevel(level.trim().toUpperCase(Locale.ROOT), null);
        if (parsed == null) {
            throw new IllegalArgumentException("unknown log level '" + level + "'");
        }
        return parsed;
    }

    static java.util.logging.Level jul(Level level) {
        switch (level.toInt()) {
            case Level.TRACE_INT:
            case Level.ALL_INT:
                return java.util.logging.Level.FINEST;
            case Level.DEBUG_INT:
                return java.util.logging.Level.FINE;
            case Level.INFO_INT:
                return java.util.logging.Level.INFO;
            case Level.WARN_INT:
                return java.util.logging.Level.WARNING;
            default:
                return java.util.logging.Level.SEVERE;
        }
    }

    static LogLevel osgi(Level level) {
        switch (level.toInt()) {
            case Level.TRACE_INT:
            case Level.ALL_INT:
                return LogLevel.TRACE;
            case Level.DEBUG_INT:
                return LogLevel.DEBUG;
            case Level.INFO_INT:
                return LogLevel.INFO;
            case Level.WARN_INT:
                return LogLevel.WARN;
            default:
                return LogLevel.ERROR;
        }
    }
}
