package ai.aragora.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void everyMarkupCharacterIsEscaped() {
        assertThat(HtmlText.escape("<a href='x' title=\"y\">&</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
        assertThat(HtmlText.escape(null)).isEmpty();
        assertThat(HtmlText.escape("plain")).isEqualTo("plain");
    }
}
