package ai.aragora.ui;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The start page at {@code /}. The REST whiteboard's servlet owns {@code /*}, and the whiteboard
 * gives an exact root pattern no precedence over it, so the root is answered before dispatch.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/*")
public class StartPageFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if ("GET".equals(request.getMethod()) && "/".equals(request.getRequestURI())) {
            PageServlet.send(Optional.of("start.html"), (HttpServletResponse) res);
            return;
        }
        chain.doFilter(req, res);
    }
}
