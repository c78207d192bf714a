package ai.aragora.http;

import org.apache.felix.http.jetty.LoadBalancerCustomizerFactory;
import org.eclipse.jetty.server.HttpConfiguration.Customizer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Gives the Jetty server the JSON error handler before it answers anything. Felix HTTP opens the
 * API port before any other hook sees the server, so the handler is installed by a request
 * customizer, which Jetty runs on every request before handling it (Felix adds customizers from
 * {@link LoadBalancerCustomizerFactory} services when
 * {@code org.apache.felix.proxy.load.balancer.connection.enable} is set). Puts the previous
 * handler back when it leaves.
 */
@Component(service = {LoadBalancerCustomizerFactory.class, ServerErrors.class})
public class ServerErrors implements LoadBalancerCustomizerFactory {

    private final JsonErrorHandler handler;
    private Server server;
    private Request.Handler previous;

    @Activate
    public ServerErrors(@Reference RequestGate gate) {
        this.handler = new JsonErrorHandler(gate::held);
    }

    @Override
    public Customizer createCustomizer() {
        return (request, responseHeaders) -> {
            install(request.getConnectionMetaData().getConnector().getServer());
            return request;
        };
    }

    /** Idempotent, and cheap once done: it runs on every request. */
    void install(Server jetty) {
        if (jetty.getErrorHandler() != handler) {
            synchronized (this) {
                if (jetty.getErrorHandler() != handler) {
                    previous = jetty.getErrorHandler();
                    server = jetty;
                    jetty.setErrorHandler(handler);
                }
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (server != null && server.getErrorHandler() == handler) {
            server.setErrorHandler(previous);
        }
    }
}
