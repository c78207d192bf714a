package ai.aragora.metrics;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/**
 * {@code aragora_http_requests_total} and {@code aragora_http_request_duration_seconds} for every
 * REST request, labelled by route template (not the raw path, which would explode cardinality).
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName("aragora.http.metrics")
@PreMatching
public class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String START = HttpMetricsFilter.class.getName() + ".start";
    static final String UNMATCHED = "unmatched";

    private final PrometheusRegistry registry;
    private final Map<Method, String> routes = new ConcurrentHashMap<>();
    private final Counter requests = Counter.build()
            .name("aragora_http_requests_total").help("HTTP requests by method, route and status")
            .labelNames("method", "route", "status").create();
    private final Histogram duration = Histogram.build()
            .name("aragora_http_request_duration_seconds").help("HTTP request latency by method and route")
            .labelNames("method", "route")
            .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .create();

    @Context
    private ResourceInfo resourceInfo;

    @Activate
    public HttpMetricsFilter(@Reference PrometheusRegistry registry) {
        this.registry = registry;
        registry.register(requests);
        registry.register(duration);
    }

    @Deactivate
    void deactivate() {
        registry.unregister(requests);
        registry.unregister(duration);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        String method = request.getMethod();
        String route = route();
        requests.labels(method, route, Integer.toString(response.getStatus())).inc();
        if (start instanceof Long nanos) {
            duration.labels(method, route).observe((System.nanoTime() - nanos) / 1e9);
        }
    }

    private String route() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null) {
            return UNMATCHED;
        }
        return routes.computeIfAbsent(method, m -> template(resourceInfo.getResourceClass(), m));
    }

    static String template(Class<?> resource, Method method) {
        Path classPath = resource == null ? null : resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        return join(classPath == null ? "" : classPath.value(), methodPath == null ? "" : methodPath.value());
    }

    static String join(String a, String b) {
        String left = a.startsWith("/") ? a : "/" + a;
        if (left.endsWith("/")) {
            left = left.substring(0, left.length() - 1);
        }
        String right = b.isEmpty() || b.startsWith("/") ? b : "/" + b;
        String joined = left + right;
        return joined.isEmpty() ? "/" : joined;
    }
}
