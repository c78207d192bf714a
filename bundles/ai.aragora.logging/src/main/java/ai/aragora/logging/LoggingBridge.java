package ai.aragora.logging;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

/**
 * Routes java.util.logging (Jersey, HK2) and the OSGi Log Service (SCR, FileInstall, the web
 * console) into SLF4J, and applies the configured level to all of them.
 */
@Component(immediate = true, configurationPid = LoggingConfig.PID)
@Designate(ocd = LoggingConfig.class)
public class LoggingBridge implements LogListener {

    /** Held so that the level set on it is not lost to garbage collection. */
    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    private final LogReaderService reader;
    private final LoggerAdmin loggerAdmin;

    @Activate
    public LoggingBridge(LoggingConfig config, @Reference LogReaderService reader, @Reference LoggerAdmin loggerAdmin) {
        this.reader = reader;
        this.loggerAdmin = loggerAdmin;
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        reader.addLogListener(this);
        apply(config);
    }

    @Modified
    void modified(LoggingConfig config) {
        try {
            apply(config);
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(LoggingBridge.class).warn("log level unchanged: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
        SLF4JBridgeHandler.uninstall();
    }

    private void apply(LoggingConfig config) {
        Level level = LogLevels.logback(config.level());
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
            Level libraries = level.equals(Level.INFO) ? Level.WARN : null;
            for (String name : config.quiet_loggers()) {
                context.getLogger(name).setLevel(libraries);
            }
        }
        JUL_ROOT.setLevel(LogLevels.jul(level));
        loggerAdmin.getLoggerContext(null).setLogLevels(Map.of(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, LogLevels.osgi(level)));
    }

    @Override
    public void logged(LogEntry entry) {
        String source = entry.getLoggerName();
        // Every service and bundle event is also a log entry; only problems among them are worth a line.
        boolean event = source != null && source.startsWith("Events.");
        if (event && entry.getLogLevel().ordinal() > org.osgi.service.log.LogLevel.WARN.ordinal()) {
            return;
        }
        String name = entry.getBundle() != null && entry.getBundle().getSymbolicName() != null
                ? entry.getBundle().getSymbolicName()
                : "osgi";
        Logger logger = LoggerFactory.getLogger(name);
        String message = entry.getMessage();
        Throwable error = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT:
            case ERROR:
                logger.error(message, error);
                break;
            case WARN:
                logger.warn(message, error);
                break;
            case INFO:
                logger.info(message, error);
                break;
            case DEBUG:
                logger.debug(message, error);
                break;
            default:
                logger.trace(message, error);
                break;
        }
    }
}
