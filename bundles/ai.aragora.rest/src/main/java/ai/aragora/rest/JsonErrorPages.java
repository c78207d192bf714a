package ai.aragora.rest;

import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;

/**
 * Errors raised by the servlet container itself (no servlet for the path, a malformed request)
 * are JSON too, never the container's HTML page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx"})
public class JsonErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer i ? i : response.getStatus();
        Object uri = request.getAttribute("jakarta.servlet.error.request_uri");
        String path = uri instanceof String s ? s : request.getRequestURI();
        ErrorResponses.send(request, response, status, ErrorResponses.message(status, request.getMethod(), path));
    }
}
