package ai.aragora.storage.jdbc.ops;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.prometheus.client.Collector;

import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;

/**
 * What the capacity guide's database and disk alerts watch, read at each scrape:
 * {@code aragora_db_size_bytes{store}}, {@code aragora_job_queue_depth{status}} and the free
 * and total space of the filesystem holding the data dir. A store that cannot answer leaves
 * its series out of this scrape rather than failing the whole page.
 */
@Component(service = Collector.class, configurationPid = ServerDirs.PID)
public class StorageMetrics extends Collector {

    private final StorageBackend backend;
    private final StorageStats stats;
    private final Path dataDir;

    @Activate
    public StorageMetrics(@Reference StorageBackend backend, ServerDirs dirs) {
        this.backend = backend;
        this.stats = new StorageStats(backend);
        this.dataDir = Path.of(dirs.data_dir().isEmpty() ? "." : dirs.data_dir());
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> out = new ArrayList<>();
        try {
            List<MetricFamilySamples.Sample> sizes = new ArrayList<>();
            for (Map.Entry<String, Long> e : stats.sizes().entrySet()) {
                sizes.add(new MetricFamilySamples.Sample("aragora_db_size_bytes", List.of("store"), List.of(e.getKey()), e.getValue()));
            }
            out.add(new MetricFamilySamples("aragora_db_size_bytes", Type.GAUGE,
                    "Size of each store (SQLite: its file; PostgreSQL: the database, as store=database)", sizes));
            List<MetricFamilySamples.Sample> depth = new ArrayList<>();
            Map<String, Long> jobs = StorageStats.byStatus(backend.database(Store.JOB_QUEUE), "jobs");
            for (String status : List.of("pending", "running", "dead")) {
                depth.add(new MetricFamilySamples.Sample("aragora_job_queue_depth", List.of("status"), List.of(status),
                        jobs.getOrDefault(status, 0L)));
            }
            out.add(new MetricFamilySamples("aragora_job_queue_depth", Type.GAUGE, "Jobs in the queue, by status", depth));
        } catch (RuntimeException storeDown) {
            // the database health check reports it; this scrape goes on without these series
        }
        if (Files.isDirectory(dataDir)) {
            try {
                FileStore fs = Files.getFileStore(dataDir);
                out.add(gauge("aragora_data_dir_free_bytes", "Space left for a non-root user on the data dir's filesystem", fs.getUsableSpace()));
                out.add(gauge("aragora_data_dir_capacity_bytes", "Size of the data dir's filesystem", fs.getTotalSpace()));
            } catch (IOException e) {
                // a data dir that vanished shows as missing series, which the disk alert also catches
            }
        }
        return out;
    }

    private static MetricFamilySamples gauge(String name, String help, double value) {
        return new MetricFamilySamples(name, Type.GAUGE, help, List.of(new MetricFamilySamples.Sample(name, List.of(), List.of(), value)));
    }
}
