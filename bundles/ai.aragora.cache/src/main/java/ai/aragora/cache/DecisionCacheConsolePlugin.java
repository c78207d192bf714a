package ai.aragora.cache;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.cache.DecisionCache;
import ai.aragora.wire.HtmlText;

/**
 * The decision cache page of the Felix web console ({@code /system/console/decision-cache}):
 * its stats and forms to invalidate. The console authenticates; a form token guards the
 * invalidations against cross-site requests, which the console itself does not.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + DecisionCacheConsolePlugin.LABEL,
        "felix.webconsole.title=Decision cache",
        "felix.webconsole.category=Aragora"})
public class DecisionCacheConsolePlugin extends HttpServlet {

    static final String LABEL = "decision-cache";
    private static final long serialVersionUID = 1L;

    private final transient DecisionCache cache;
    private final String token;

    @Activate
    public DecisionCacheConsolePlugin(@Reference DecisionCache cache) {
        this.cache = cache;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        String done = request.getParameter("done");
        if (done != null) {
            out.println("<p class='statline'>" + HtmlText.escape(done) + "</p>");
        }
        out.println("<table class='nicetable'><thead><tr><th>Statistic</th><th>Value</th></tr></thead><tbody>");
        for (Map.Entry<String, Object> e : CacheAdministration.stats(cache).entrySet()) {
            out.println("<tr><td>" + HtmlText.escape(e.getKey()) + "</td><td>" + HtmlText.escape(String.valueOf(e.getValue())) + "</td></tr>");
        }
        out.println("</tbody></table>");
        form(out, "workspace", "Invalidate a workspace", "value", "workspace id", null);
        form(out, "tag", "Invalidate a tag", "value", "tag", null);
        form(out, "agent", "Invalidate an agent version", "value", "agent name", "agent version");
        form(out, "policy", "Change the policy version (lazy)", null, null, "new policy version");
        form(out, "all", "Invalidate everything", null, null, null);
    }

    private void form(PrintWriter out, String strategy, String title, String valueField, String valueHint, String versionHint) {
        out.println("<form method='post' action='" + LABEL + "'><h3>" + HtmlText.escape(title) + "</h3>");
        out.println("<input type='hidden' name='token' value='" + token + "'>");
        out.println("<input type='hidden' name='strategy' value='" + strategy + "'>");
        if (valueField != null) {
            out.println("<input name='value' placeholder='" + HtmlText.escape(valueHint) + "'>");
        }
        if (versionHint != null) {
            out.println("<input name='version' placeholder='" + HtmlText.escape(versionHint) + "'>");
        }
        out.println("<button type='submit'>" + HtmlText.escape(title) + "</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String given = request.getParameter("token");
        if (given == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "missing or wrong form token");
            return;
        }
        String message;
        try {
            Map<String, Object> result = CacheAdministration.invalidate(cache, String.valueOf(request.getParameter("strategy")),
                    request.getParameter("value"), request.getParameter("version"));
            message = result.toString();
        } catch (IllegalArgumentException e) {
            message = "Not done: " + e.getMessage();
        }
        // Post, redirect, get: reloading the page never repeats the invalidation.
        response.sendRedirect(LABEL + "?done=" + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8));
    }
}
