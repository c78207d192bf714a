package ai.aragora.storage.jdbc.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;

/**
 * Deletes receipt documents past retention every {@code receipt.cleanup.interval.hours}. The
 * first run waits a few minutes, so a short-lived command process never purges.
 */
@Component(immediate = true, service = ReceiptRetentionScheduler.class, configurationPid = StorageConfig.PID)
public class ReceiptRetentionScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRetentionScheduler.class);
    static final Duration FIRST_RUN = Duration.ofMinutes(5);

    private final ReceiptRetention retention;
    private final int retentionDays;
    private final ScheduledExecutorService timer;

    @Activate
    public ReceiptRetentionScheduler(@Reference StorageBackend backend, StorageConfig config) {
        this.retention = new ReceiptRetention(backend.database(Store.ARAGORA));
        this.retentionDays = Math.max(1, config.receipt_retention_days());
        long hours = Math.max(1, config.receipt_cleanup_interval_hours());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aragora-receipt-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runOnce, FIRST_RUN.toMinutes(), TimeUnit.HOURS.toMinutes(hours), TimeUnit.MINUTES);
        LOG.info("receipt retention: {} days, every {} h", retentionDays, hours);
    }

    @Deactivate
    public void deactivate() {
        timer.shutdownNow();
    }

    /** One pass, as the timer runs it; returns how many receipts lost their documents. */
    public long runOnce() {
        try {
            long n = retention.purge(Instant.now().minus(Duration.ofDays(retentionDays)));
            if (n > 0) {
                LOG.info("receipt retention removed {} receipts older than {} days (their chain entries stay)", n, retentionDays);
            }
            return n;
        } catch (RuntimeException e) {
            LOG.warn("receipt retention failed: {}", e.getMessage());
            return 0;
        }
    }
}
