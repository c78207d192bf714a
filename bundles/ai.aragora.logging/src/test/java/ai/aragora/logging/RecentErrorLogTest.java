package ai.aragora.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import ai.aragora.api.ops.LoggedError;

class RecentErrorLogTest {

    private final RecentErrorLog log = new RecentErrorLog();
    private final Logger logger = LoggerFactory.getLogger("ai.aragora.test");

    @AfterEach
    void detach() {
        log.deactivate();
        MDC.clear();
    }

    @Test
    void keepsWarningsAndErrorsNewestFirstWithTheirRequestIdAndNoStack() {
        logger.info("not kept");
        MDC.put(RecentErrorLog.TRACE_KEY, "req-1");
        logger.warn("first {}", "warning");
        MDC.remove(RecentErrorLog.TRACE_KEY);
        logger.error("then an error", new IllegalStateException("boom"));

        assertThat(log.recent(10)).extracting(LoggedError::message).containsExactly("then an error", "first warning");
        LoggedError error = log.recent(1).get(0);
        assertThat(error.level()).isEqualTo("ERROR");
        assertThat(error.exception()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(error.traceId()).isNull();
        assertThat(log.recent(10).get(1).traceId()).isEqualTo("req-1");
        assertThat(log.total()).isEqualTo(2);
    }

    @Test
    void keepsOnlyTheLatestAndAnswersAtMostTheLimit() {
        for (int i = 0; i < RecentErrorLog.KEPT + 5; i++) {
            logger.warn("w{}", i);
        }
        assertThat(log.recent(1000)).hasSize(RecentErrorLog.KEPT);
        assertThat(log.recent(3)).extracting(LoggedError::message).containsExactly("w204", "w203", "w202");
        assertThat(log.total()).isEqualTo(RecentErrorLog.KEPT + 5);
    }
}
