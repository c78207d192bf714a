package ai.aragora.http;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Joins the event-stream port ({@code --ws-port}) to the one Jetty server that serves the API,
 * so both share the servlet whiteboard; requests on it carry the connector name {@value #NAME}.
 * The server has its JSON errors before the port opens.
 */
@Component(configurationPid = "ai.aragora.server", configurationPolicy = ConfigurationPolicy.REQUIRE)
public class StreamPortConnector implements ConnectorFactory {

    /** The Jetty connector name of the event-stream port. */
    public static final String NAME = "ws";

    @interface Ports {
        String host() default "127.0.0.1";

        int ws_port() default 8765;
    }

    private final String host;
    private final int port;
    private final ServerErrors errors;

    @Activate
    public StreamPortConnector(Ports config, @Reference ServerErrors errors) {
        this.host = config.host();
        this.port = config.ws_port();
        this.errors = errors;
    }

    @Override
    public Connector createConnector(Server jetty) {
        errors.install(jetty);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setName(NAME);
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
