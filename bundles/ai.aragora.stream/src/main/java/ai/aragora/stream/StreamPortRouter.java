package ai.aragora.stream;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The stream port answers the event stream on any path: requests arriving on it go to the
 * stream endpoint instead of the API.
 */
@Component(service = Filter.class, configurationPid = "ai.aragora.server", configurationPolicy = ConfigurationPolicy.REQUIRE)
@HttpWhiteboardFilterPattern("/*")
public class StreamPortRouter implements Filter {

    @interface Ports {
        int ws_port() default 8765;
    }

    private final int streamPort;

    /** Present while the endpoint is registered; the request goes through the whiteboard, which initialises it. */
    @Activate
    public StreamPortRouter(Ports ports, @Reference StreamServlet endpoint) {
        this.streamPort = ports.ws_port();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getLocalPort() == streamPort) {
            request.getServletContext().getRequestDispatcher(StreamServlet.PATH).forward(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
