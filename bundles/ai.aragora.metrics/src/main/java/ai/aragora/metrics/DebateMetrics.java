package ai.aragora.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.event.EventType;

import io.prometheus.client.Collector;
import io.prometheus.client.Histogram;

/**
 * The runbook's debate counters, read off the event stream: {@code aragora_debates_total} (started),
 * {@code aragora_debates_completed}, {@code aragora_debates_failed} and the gauge
 * {@code aragora_active_debates}. The runbook's alerts name the two outcome counters without a
 * {@code _total} suffix, which the text format forces on a typed counter; they are exported
 * untyped under exactly those names (rate() works on them all the same).
 */
@Component(service = {DebateListener.class, Collector.class})
public class DebateMetrics extends Collector implements DebateListener {

    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /**
     * Debates this process saw start and not yet end, with when; a debate recovered after a
     * restart never counts as active.
     */
    private final Map<String, Long> active = new ConcurrentHashMap<>();
    private final Histogram duration = Histogram.build().name("aragora_debate_duration_seconds")
            .help("Time from a debate's start to its end, whatever the outcome")
            .buckets(1, 5, 15, 30, 60, 120, 300, 600, 1800).create();

    @Override
    public void onEvent(DebateEvent event) {
        if (event.type() == EventType.DEBATE_START) {
            if (active.putIfAbsent(event.debateId(), System.nanoTime()) == null) {
                started.increment();
            }
        } else if (event.type() == EventType.DEBATE_END) {
            Long startedAt = active.remove(event.debateId());
            if (startedAt != null) {
                duration.observe((System.nanoTime() - startedAt) / 1e9);
            }
            if (failure(event)) {
                failed.increment();
            } else {
                completed.increment();
            }
        }
    }

    /** Failed, cancelled and interrupted debates reached no decision; every other end did. */
    private static boolean failure(DebateEvent event) {
        Object raw = event.data().get("status");
        if (!(raw instanceof String status)) {
            return true;
        }
        try {
            DebateStatus s = DebateStatus.parse(status);
            return s == DebateStatus.FAILED || s == DebateStatus.CANCELLED || s == DebateStatus.INTERRUPTED;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> all = new ArrayList<>(duration.collect());
        all.addAll(List.of(
                family("aragora_debates", Type.COUNTER, "aragora_debates_total", "Debates started", started.sum()),
                family("aragora_debates_completed", Type.UNKNOWN, "aragora_debates_completed",
                        "Debates that ended with a decision (a counter)", completed.sum()),
                family("aragora_debates_failed", Type.UNKNOWN, "aragora_debates_failed",
                        "Debates that failed, were cancelled or were interrupted (a counter)", failed.sum()),
                new MetricFamilySamples("aragora_active_debates", Type.GAUGE, "Debates running now",
                        List.of(new MetricFamilySamples.Sample("aragora_active_debates", List.of(), List.of(), active.size())))));
        return all;
    }

    private static MetricFamilySamples family(String family, Type type, String sample, String help, double value) {
        return new MetricFamilySamples(family, type, help,
                List.of(new MetricFamilySamples.Sample(sample, List.of(), List.of(), value)));
    }
}
