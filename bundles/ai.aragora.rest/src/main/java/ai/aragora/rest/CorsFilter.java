package ai.aragora.rest;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * CORS for the origins in ARAGORA_ALLOWED_ORIGINS, and only those (the launcher refuses a
 * wildcard). A preflight from any other origin is refused; a simple request from one gets no
 * CORS headers, so the browser withholds the answer.
 */
@Component(service = Filter.class, configurationPid = {"ai.aragora.server", RestConfig.PID},
        property = Constants.SERVICE_RANKING + ":Integer=90")
@HttpWhiteboardFilterPattern("/*")
public class CorsFilter implements Filter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-ID";
    static final String EXPOSED_HEADERS = "X-Request-ID, Retry-After";

    @interface Config {
        String[] allowed_origins() default {};

        int cors_max_age_seconds() default 600;
    }

    private volatile Set<String> origins;
    private volatile int maxAge;

    @Activate
    public CorsFilter(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        this.origins = Set.of(config.allowed_origins());
        this.maxAge = config.cors_max_age_seconds();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (origin == null) {
            chain.doFilter(req, res);
            return;
        }
        boolean allowed = origins.contains(origin);
        boolean preflight = "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
        response.addHeader("Vary", "Origin");
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        if (!preflight) {
            chain.doFilter(req, res);
            return;
        }
        if (!allowed) {
            ErrorResponses.send(request, response, 403, "origin not allowed");
            return;
        }
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.setHeader("Access-Control-Max-Age", String.valueOf(maxAge));
        response.setStatus(204);
    }
}
