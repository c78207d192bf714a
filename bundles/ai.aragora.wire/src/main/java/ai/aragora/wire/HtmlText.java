package ai.aragora.wire;

/** Text for a server-rendered HTML page (the Felix web console plugins): every markup character escaped. */
public final class HtmlText {

    private HtmlText() {
    }

    /** {@code s} safe as element text and as a quoted attribute value; null is the empty string. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
