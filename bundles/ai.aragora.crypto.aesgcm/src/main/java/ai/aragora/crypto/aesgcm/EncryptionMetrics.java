package ai.aragora.crypto.aesgcm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.KeyUsage;
import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;

/** The runbook's encryption metrics, and per key how many encryptions its limit has left. */
final class EncryptionMetrics {

    final Counter operations = Counter.build().name("aragora_encryption_operations_total")
            .help("Field encryptions and decryptions, by operation and store").labelNames("operation", "store").create();
    final Histogram latency = Histogram.build().name("aragora_encryption_operation_latency_seconds")
            .help("Time to encrypt or decrypt one field").labelNames("operation")
            .buckets(0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.001, 0.01).create();
    final Counter errors = Counter.build().name("aragora_encryption_errors_total")
            .help("Fields that could not be encrypted or decrypted, by operation and error type")
            .labelNames("operation", "error_type").create();
    final Collector keys;

    private final Histogram.Child encryptLatency = latency.labels("encrypt");
    private final Histogram.Child decryptLatency = latency.labels("decrypt");
    private final Map<String, Counter.Child> encrypts = new ConcurrentHashMap<>();
    private final Map<String, Counter.Child> decrypts = new ConcurrentHashMap<>();

    EncryptionMetrics(Supplier<List<KeyUsage>> usage) {
        this.keys = new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                GaugeMetricFamily used = new GaugeMetricFamily("aragora_encryption_key_encryptions",
                        "Encryptions counted per key id (the limit is aragora_encryption_key_limit)", List.of("key_id", "active"));
                GaugeMetricFamily limit = new GaugeMetricFamily("aragora_encryption_key_limit",
                        "Encryptions a key may do before new ones are refused", List.of("key_id"));
                for (KeyUsage k : usage.get()) {
                    used.addMetric(List.of(k.keyId(), Boolean.toString(k.active())), k.encryptions());
                    limit.addMetric(List.of(k.keyId()), k.limit());
                }
                List<MetricFamilySamples> out = new ArrayList<>();
                out.add(used);
                out.add(limit);
                return out;
            }
        };
    }

    List<Collector> collectors() {
        return List.of(operations, latency, errors, keys);
    }

    void encrypted(String store, long startNanos) {
        encryptLatency.observe((System.nanoTime() - startNanos) / 1e9);
        encrypts.computeIfAbsent(store, s -> operations.labels("encrypt", s)).inc();
    }

    void decrypted(String store, long startNanos) {
        decryptLatency.observe((System.nanoTime() - startNanos) / 1e9);
        decrypts.computeIfAbsent(store, s -> operations.labels("decrypt", s)).inc();
    }

    void failed(String operation, EncryptionException e) {
        errors.labels(operation, e.kind().label()).inc();
    }
}
