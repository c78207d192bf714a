package ai.aragora.logging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

import ai.aragora.api.ops.LoggedError;
import ai.aragora.api.ops.RecentErrors;

/**
 * Keeps the last {@value #KEPT} WARN and ERROR events of the log in memory, for
 * {@code GET /api/system/errors}: an appender on the root logger, so it sees what the log
 * shows, and only that (a level raised above WARN hides them here too).
 */
@Component
public class RecentErrorLog extends AppenderBase<ILoggingEvent> implements RecentErrors {

    static final int KEPT = 200;
    /** Where the REST layer keeps the request id of the request being served. */
    static final String TRACE_KEY = "request_id";
    private static final int MAX_TEXT = 2000;

    private final Deque<LoggedError> events = new ArrayDeque<>();
    private final AtomicLong total = new AtomicLong();
    private ch.qos.logback.classic.Logger root;

    @Activate
    public RecentErrorLog() {
        setName("aragora-recent-errors");
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setContext(context);
            start();
            root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(this);
        }
    }

    @Deactivate
    void deactivate() {
        if (root != null) {
            root.detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        total.incrementAndGet();
        record(new LoggedError(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(), event.getLoggerName(),
                event.getThreadName(), clip(event.getFormattedMessage()), event.getMDCPropertyMap().get(TRACE_KEY),
                exception(event.getThrowableProxy())));
    }

    void record(LoggedError error) {
        synchronized (events) {
            events.addFirst(error);
            if (events.size() > KEPT) {
                events.removeLast();
            }
        }
    }

    @Override
    public List<LoggedError> recent(int limit) {
        List<LoggedError> out = new ArrayList<>();
        synchronized (events) {
            Iterator<LoggedError> it = events.iterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
        }
        return out;
    }

    @Override
    public long total() {
        return total.get();
    }

    private static String exception(IThrowableProxy proxy) {
        return proxy == null ? null : clip(proxy.getClassName() + ": " + proxy.getMessage());
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
