package ai.aragora.webhooks;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.prometheus.client.Collector;

/** The manager's webhook metrics on {@code /api/metrics}, read at scrape time. */
@Component(service = Collector.class)
public class WebhookMetricsCollector extends Collector {

    private final WebhookManager manager;

    @Activate
    public WebhookMetricsCollector(@Reference WebhookManager manager) {
        this.manager = manager;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return manager.metrics().collect();
    }
}
