package ai.aragora.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The frame a Felix web console page shares with the others: its forms post back to the page with
 * a random form token (the console authenticates but does not guard against cross-site posts), a
 * post is answered with a redirect to the page (reloading never repeats the action), and the page
 * then shows what was done. Servlet-free, so the page keeps its own request handling.
 */
public final class ConsoleForm {

    /** The content type of a console page. */
    public static final String CONTENT_TYPE = "text/html;charset=UTF-8";
    /** The 403 message for a post without this page's token. */
    public static final String REFUSED = "missing or wrong form token";

    private final String label;
    private final String token;

    /** The forms of the console page {@code label} ({@code /system/console/<label>}), with a fresh token. */
    public ConsoleForm(String label) {
        this.label = label;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
    }

    /** The opening tag of a form that posts to this page, with the hidden token field. */
    public String open() {
        return "<form method='post' action='" + label + "'>" + hidden("token", token);
    }

    /** A hidden field, its value escaped. */
    public static String hidden(String name, String value) {
        return "<input type='hidden' name='" + HtmlText.escape(name) + "' value='" + HtmlText.escape(value) + "'>";
    }

    /** Whether a posted token is this page's (compared in constant time); null is not. */
    public boolean accepts(String given) {
        return given != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Where a post sends the browser: this page, told what was done. */
    public String redirect(String message) {
        return label + "?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8);
    }

    /** The line that shows what the last post did ({@code done}, escaped), or the empty string when nothing was. */
    public String doneLine(String done) {
        return done == null ? "" : "<p class='statline' id='" + label + "-done'>" + HtmlText.escape(done) + "</p>";
    }
}
