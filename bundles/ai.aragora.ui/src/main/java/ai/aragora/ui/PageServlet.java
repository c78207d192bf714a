package ai.aragora.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The pages and their assets, straight from this bundle. Every answer carries the
 * {@link SecurityHeaders}; only the files named here or matching the asset pattern are served,
 * so nothing else in the bundle is reachable by path. The start page at {@code /} comes
 * through {@link StartPageFilter}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/debates/*", "/shared", "/developer", "/admin", "/ui/*"})
public class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern ASSET = Pattern.compile("/ui/([a-z][a-z0-9-]{0,40}\\.(js|css))");
    private static final Pattern DEBATE = Pattern.compile("/debates/[A-Za-z0-9._:-]{1,128}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        send(file(path), response);
    }

    /** The file with its headers, or a page saying there is none. */
    static void send(Optional<String> file, HttpServletResponse response) throws IOException {
        InputStream in = file.map(f -> PageServlet.class.getResourceAsStream("web/" + f)).orElse(null);
        SecurityHeaders.apply(response);
        if (in == null) {
            response.setStatus(404);
            response.setContentType(TYPES.get("html"));
            response.getWriter().write("<!doctype html><title>Not found</title><p>No such page. <a href=\"/\">Start</a></p>");
            return;
        }
        try (in) {
            String name = file.get();
            response.setContentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            in.transferTo(response.getOutputStream());
        }
    }

    /** The bundle file a path shows, if it shows one. */
    static Optional<String> file(String path) {
        if (path.equals("/shared")) {
            return Optional.of("shared.html");
        }
        if (path.equals("/developer")) {
            return Optional.of("developer.html");
        }
        if (path.equals("/admin")) {
            return Optional.of("admin.html");
        }
        if (DEBATE.matcher(path).matches()) {
            return Optional.of("debate.html");
        }
        var asset = ASSET.matcher(path);
        return asset.matches() ? Optional.of(asset.group(1)) : Optional.empty();
    }
}
