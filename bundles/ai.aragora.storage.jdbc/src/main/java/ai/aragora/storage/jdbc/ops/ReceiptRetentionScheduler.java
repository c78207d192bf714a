package ai.aragora.storage.jdbc.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

import ai.aragora.api.ops.Scheduler;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;

/**
 * Deletes receipt documents past retention every {@code receipt.cleanup.interval.hours}. The
 * first run waits a few minutes, so a short-lived command process never purges. Runs, by hand
 * or on schedule, are counted for {@code /api/admin/schedulers/receipt-retention/status} and as
 * the runbook's {@code aragora_receipt_cleanup_*} metrics.
 */
@Component(immediate = true, service = {ReceiptRetentionScheduler.class, Scheduler.class},
        property = Scheduler.NAME + "=receipt-retention", configurationPid = StorageConfig.PID)
public class ReceiptRetentionScheduler implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRetentionScheduler.class);
    static final Duration FIRST_RUN = Duration.ofMinutes(5);

    private final Counter runs = Counter.build().name("aragora_receipt_cleanup_total")
            .help("Receipt retention runs, by result (success, failure, dry_run)").labelNames("result").create();
    private final Histogram duration = Histogram.build().name("aragora_receipt_cleanup_duration_seconds")
            .help("Time a receipt retention run took").buckets(0.01, 0.1, 0.5, 1, 5, 15, 60, 300).create();
    private final Counter deleted = Counter.build().name("aragora_receipts_deleted_total")
            .help("Receipts whose documents retention removed").create();

    private final ReceiptRetention retention;
    private final int retentionDays;
    private final long intervalHours;
    private final ScheduledExecutorService timer;
    private final ServiceRegistration<?>[] metrics;
    private long totalRuns;
    private long failures;
    private long totalDeleted;
    private Instant lastRun;
    private String lastError;

    @Activate
    public ReceiptRetentionScheduler(@Reference StorageBackend backend, StorageConfig config, BundleContext context) {
        this.retention = new ReceiptRetention(backend.database(Store.ARAGORA));
        this.retentionDays = Math.max(1, config.receipt_retention_days());
        this.intervalHours = Math.max(1, config.receipt_cleanup_interval_hours());
        // Without a context (tests) the metrics are counted but registered nowhere.
        this.metrics = context == null ? new ServiceRegistration<?>[0] : new ServiceRegistration<?>[] {
            context.registerService(Collector.class, runs, null), context.registerService(Collector.class, duration, null),
            context.registerService(Collector.class, deleted, null)};
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aragora-receipt-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runOnce, FIRST_RUN.toMinutes(), TimeUnit.HOURS.toMinutes(intervalHours), TimeUnit.MINUTES);
        LOG.info("receipt retention: {} days, every {} h", retentionDays, intervalHours);
    }

    @Deactivate
    public void deactivate() {
        timer.shutdownNow();
        for (ServiceRegistration<?> r : metrics) {
            r.unregister();
        }
    }

    /** One pass, as the timer runs it; returns how many receipts lost their documents. */
    public long runOnce() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
        long started = System.nanoTime();
        try {
            long n = retention.purge(cutoff);
            finished(started, n, null);
            if (n > 0) {
                LOG.info("receipt retention removed {} receipts older than {} days (their chain entries stay)", n, retentionDays);
            }
            return n;
        } catch (RuntimeException e) {
            finished(started, 0, e.getMessage());
            LOG.warn("receipt retention failed: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public synchronized Map<String, Object> status() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_runs", totalRuns);
        stats.put("total_receipts_deleted", totalDeleted);
        stats.put("failures", failures);
        stats.put("success_rate", totalRuns == 0 ? 1.0 : (totalRuns - failures) / (double) totalRuns);
        stats.put("last_run", lastRun == null ? null : lastRun.toString());
        stats.put("last_error", lastError);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running", !timer.isShutdown());
        out.put("interval_hours", intervalHours);
        out.put("retention_days", retentionDays);
        out.put("stats", stats);
        return out;
    }

    @Override
    public synchronized Map<String, Object> runNow(boolean dryRun) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dry_run", dryRun);
        out.put("retention_days", retentionDays);
        if (dryRun) {
            long started = System.nanoTime();
            long expired = retention.expired(Instant.now().minus(Duration.ofDays(retentionDays)));
            runs.labels("dry_run").inc();
            duration.observe((System.nanoTime() - started) / 1e9);
            out.put("receipts_expired", expired);
            out.put("receipts_deleted", 0);
        } else {
            long n = runOnce();
            out.put("receipts_deleted", n);
            out.put("success", lastError == null);
        }
        return out;
    }

    private synchronized void finished(long startedNanos, long n, String error) {
        duration.observe((System.nanoTime() - startedNanos) / 1e9);
        runs.labels(error == null ? "success" : "failure").inc();
        deleted.inc(n);
        totalRuns++;
        totalDeleted += n;
        if (error != null) {
            failures++;
        }
        lastRun = Instant.now();
        lastError = error;
    }
}
