package ai.aragora.rest.debates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DebateExportsTest {

    @Test
    void csvCellsAreQuotedAndNeverFormulas() {
        assertThat(DebateExports.cell("plain")).isEqualTo("\"plain\"");
        assertThat(DebateExports.cell("say \"hi\", then go")).isEqualTo("\"say \"\"hi\"\", then go\"");
        assertThat(DebateExports.cell("=HYPERLINK(\"http://x\")")).startsWith("\"'=");
        assertThat(DebateExports.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(DebateExports.cell(null)).isEmpty();
    }

    @Test
    void htmlIsEscaped() {
        assertThat(DebateExports.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void formatsParseCaseInsensitively() {
        assertThat(DebateExports.Format.parse("CSV")).contains(DebateExports.Format.CSV);
        assertThat(DebateExports.Format.parse("md")).contains(DebateExports.Format.MD);
        assertThat(DebateExports.Format.parse("pdf")).isEmpty();
    }
}
