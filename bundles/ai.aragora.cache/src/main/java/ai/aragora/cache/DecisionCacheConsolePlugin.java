package ai.aragora.cache;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.cache.DecisionCache;
import ai.aragora.wire.ConsoleForm;
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
    private final transient ConsoleForm forms = new ConsoleForm(LABEL);

    @Activate
    public DecisionCacheConsolePlugin(@Reference DecisionCache cache) {
        this.cache = cache;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(ConsoleForm.CONTENT_TYPE);
        PrintWriter out = response.getWriter();
        out.println(forms.doneLine(request.getParameter("done")));
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
        out.println(forms.open() + "<h3>" + HtmlText.escape(title) + "</h3>");
        out.println(ConsoleForm.hidden("strategy", strategy));
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
        if (!forms.accepts(request.getParameter("token"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, ConsoleForm.REFUSED);
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
        response.sendRedirect(forms.redirect(message));
    }
}
