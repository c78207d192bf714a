package ai.aragora.stream;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import ai.aragora.api.auth.AuthPrincipal;

/**
 * The WebSocket endpoint at {@code /ws} on the API port; {@link StreamPortRouter} sends every
 * request on the stream port here too. A Jetty WebSocket servlet (not a Jakarta endpoint) so
 * it leaves with its bundle.
 */
@Component(service = {Servlet.class, StreamServlet.class})
@HttpWhiteboardServletPattern({"/ws", "/ws/*"})
public class StreamServlet extends JettyWebSocketServlet {

    static final String PATH = "/ws";
    static final String SUBPROTOCOL = "aragora.v1";
    private static final long serialVersionUID = 1L;

    private final transient StreamHub hub;

    @Activate
    public StreamServlet(@Reference StreamHub hub) {
        this.hub = hub;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        StreamConfig config = hub.config();
        factory.setMaxTextMessageSize(config.max_message_bytes());
        factory.setMaxBinaryMessageSize(config.max_message_bytes());
        factory.setIdleTimeout(Duration.ofSeconds(config.idle_timeout_seconds()));
        // the upgrade request passed the authentication filter: its principal is the client's
        factory.setCreator((request, response) -> {
            // a browser that sent its token as a subprotocol needs one accepted, and never its token back
            if (request.getSubProtocols().contains(SUBPROTOCOL)) {
                response.setAcceptedSubProtocol(SUBPROTOCOL);
            }
            return new StreamSocket(hub,
                    request.getHttpServletRequest().getUserPrincipal() instanceof AuthPrincipal p ? p : AuthPrincipal.anonymous());
        });
    }

    /** A plain HTTP request here is a client that forgot to upgrade. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setStatus(426);
        response.setHeader("Upgrade", "websocket");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"this is the WebSocket event stream: connect with a WebSocket client\","
                + "\"code\":\"upgrade_required\"}");
    }
}
