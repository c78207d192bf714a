package ai.aragora.rest.receipts;

import static ai.aragora.wire.HtmlText.escape;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.SigningKeys;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.wire.ConsoleForm;

/**
 * The receipts page of the Felix web console ({@code /system/console/aragora-receipts}): the
 * newest receipts, verifying one, the signing key ids, and rotating the key once the operator
 * ticks the confirmation. The console authenticates; a form token guards both forms against
 * cross-site requests.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + ReceiptsConsolePlugin.LABEL,
        "felix.webconsole.title=Receipts",
        "felix.webconsole.category=Aragora"})
public class ReceiptsConsolePlugin extends HttpServlet {

    static final String LABEL = "aragora-receipts";
    static final int RECENT = 20;
    private static final long serialVersionUID = 1L;

    private final transient ReceiptService receipts;
    private final transient SigningKeys keys;
    private final transient ConsoleForm form = new ConsoleForm(LABEL);

    @Activate
    public ReceiptsConsolePlugin(@Reference ReceiptService receipts, @Reference SigningKeys keys) {
        this.receipts = receipts;
        this.keys = keys;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(ConsoleForm.CONTENT_TYPE);
        PrintWriter out = response.getWriter();
        out.println(form.doneLine(request.getParameter("done")));
        out.println("<h3>Signing keys</h3><table class='nicetable' id='aragora-signing-keys'><thead><tr><th>Key id</th>"
                + "<th>Algorithm</th><th>State</th></tr></thead><tbody>");
        for (PublicSigningKey k : keys.published()) {
            out.println("<tr><td>" + escape(k.keyId()) + "</td><td>" + escape(k.algorithm()) + "</td><td>"
                    + (k.active() ? "active: signs new receipts" : "published: verifies older receipts") + "</td></tr>");
        }
        out.println("</tbody></table>");
        out.println(form.open() + action("rotate")
                + "<label><input type='checkbox' name='confirm' value='yes'> New receipts are signed with a new key; "
                + "every receipt signed so far still verifies with its published key.</label> "
                + "<button type='submit'>Rotate the signing key</button></form>");

        long total = receipts.count();
        List<Receipt> recent = receipts.list(0, RECENT);
        out.println("<h3>Newest receipts (" + total + " in all)</h3><table class='nicetable' id='aragora-receipts'><thead><tr>"
                + "<th>Receipt</th><th>Debate</th><th>Issued</th><th>Key id</th><th></th></tr></thead><tbody>");
        for (Receipt r : recent) {
            out.println("<tr><td>" + escape(r.receiptId()) + "</td><td>" + escape(r.debateId()) + "</td><td>"
                    + escape(r.issuedAt().toString()) + "</td><td>" + escape(r.keyId()) + "</td><td>" + form.open()
                    + action("verify") + ConsoleForm.hidden("receipt", r.receiptId())
                    + "<button type='submit'>Verify</button></form></td></tr>");
        }
        out.println("</tbody></table>");
        out.println(form.open() + action("verify")
                + "<label>Receipt id <input name='receipt' required></label> <button type='submit'>Verify</button></form>");
    }

    private static String action(String action) {
        return ConsoleForm.hidden("action", action);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!form.accepts(request.getParameter("token"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, ConsoleForm.REFUSED);
            return;
        }
        String message = switch (String.valueOf(request.getParameter("action"))) {
            case "rotate" -> "yes".equals(request.getParameter("confirm"))
                    ? "Rotated: new receipts are signed with " + keys.rotate().keyId() + "."
                    : "Not rotated: tick the confirmation first.";
            case "verify" -> verify(request.getParameter("receipt"));
            default -> "Not done: unknown action.";
        };
        // Post, redirect, get: reloading the page never repeats the action.
        response.sendRedirect(form.redirect(message));
    }

    String verify(String receiptId) {
        if (receiptId == null || receiptId.isBlank()) {
            return "Not verified: name a receipt.";
        }
        try {
            VerificationReport report = receipts.verify(receiptId.strip());
            StringBuilder out = new StringBuilder(receiptId.strip()).append(report.verified() ? ": verified" : ": NOT verified");
            for (VerificationReport.Check c : report.checks()) {
                out.append("; ").append(c.name()).append(' ').append(c.status().wireName());
            }
            return out.toString();
        } catch (ReceiptException e) {
            return "Not verified: " + e.getMessage();
        }
    }
}
