package ai.aragora.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PageServletTest {

    @Test
    void pathsMapOnlyToTheirPages() {
        assertThat(PageServlet.file("/")).isEmpty();
        assertThat(PageServlet.file("/debates/deb-123")).contains("debate.html");
        assertThat(PageServlet.file("/shared")).contains("shared.html");
        assertThat(PageServlet.file("/developer")).contains("developer.html");
        assertThat(PageServlet.file("/admin")).contains("admin.html");
        assertThat(PageServlet.file("/admin/x")).isEmpty();
        assertThat(PageServlet.file("/ui/common.js")).contains("common.js");
        assertThat(PageServlet.file("/ui/../PageServlet.class")).isEmpty();
        assertThat(PageServlet.file("/ui/start.html")).isEmpty();
        assertThat(PageServlet.file("/debates/a/b")).isEmpty();
        assertThat(PageServlet.file("/debates/<script>")).isEmpty();
    }

    @Test
    void thePolicyAllowsNoInlineCodeAndNoOtherOrigin() {
        assertThat(SecurityHeaders.CSP).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void pagesHaveNoInlineScriptOrStyleAndScriptsNeverWriteHtml() throws IOException {
        for (String page : List.of("start.html", "debate.html", "shared.html", "developer.html", "admin.html")) {
            String html = read(page);
            assertThat(html).doesNotContain("<script>", "<style", "style=\"", "onclick=");
            assertThat(html).contains("<meta name=\"viewport\"");
        }
        for (String script : List.of("common.js", "debate-view.js", "debate.js", "shared.js", "start.js", "developer.js",
                "admin.js", "admin-panels.js", "metrics-chart.js", "api-reference.js")) {
            assertThat(read(script)).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        }
    }

    private static String read(String name) throws IOException {
        try (InputStream in = PageServlet.class.getResourceAsStream("web/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
