package ai.aragora.knowledge;

import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.knowledge.AdapterQueries;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.SearchResult;

/** Each running adapter's reverse query over the mound, its latency observed per adapter. */
@Component(service = AdapterQueries.class)
public class MoundAdapterQueries implements AdapterQueries {

    private final AdapterSync sync;
    private final Mound mound;
    private final MoundMetrics metrics;

    @Activate
    public MoundAdapterQueries(@Reference AdapterSync sync, @Reference Mound mound, @Reference MoundMetrics metrics) {
        this.sync = sync;
        this.mound = mound;
        this.metrics = metrics;
    }

    @Override
    public Set<String> adapters() {
        return sync.runningNames();
    }

    @Override
    public SearchResult query(String adapter, String orgId, String question, int limit) {
        KnowledgeAdapter a = sync.running(adapter);
        if (a == null) {
            throw new NoSuchElementException("no knowledge adapter '" + adapter + "' is running; running: "
                    + String.join(", ", new TreeSet<>(sync.runningNames())));
        }
        long start = System.nanoTime();
        try {
            return a.reverse(mound, orgId, question, limit);
        } finally {
            metrics.reverseLatency.labels(adapter).observe((System.nanoTime() - start) / 1e9);
        }
    }
}
