package ai.aragora.http;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.Preprocessor;

import ai.aragora.api.health.Readiness;

/**
 * Holds every request back until the server is ready, and again once it stops: a JSON 503
 * ({@code "code": "starting"} or {@code "stopping"}) with {@code Retry-After}, whatever the path,
 * instead of a 404 from a route not deployed yet or one already taken down. A preprocessor runs
 * before the whiteboard looks for a servlet, so paths without one are held back too. Once ready,
 * the gate stays open: later trouble is each route's own 503.
 */
@Component(service = {Preprocessor.class, RequestGate.class}, immediate = true)
public class RequestGate implements Preprocessor {

    private static final List<String> NO_HEALTH = List.of("health: not running");

    private final Bundle framework;
    private volatile boolean open;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Readiness readiness;

    @Activate
    public RequestGate(BundleContext context) {
        this.framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        Held held = held();
        if (held != null) {
            held.send((HttpServletResponse) response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The gate's own answer right now, or null once requests go through. */
    Held held() {
        if (framework.getState() == Bundle.STOPPING) {
            return Held.STOPPING;
        }
        if (!open) {
            Readiness current = readiness;
            List<String> waiting = current == null ? NO_HEALTH : current.waitingFor();
            if (!waiting.isEmpty()) {
                return Held.starting(waiting);
            }
            open = true;
        }
        return null;
    }
}
