package ai.aragora.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ConsoleFormTest {

    @Test
    void onlyThePagesOwnTokenIsAccepted() {
        ConsoleForm form = new ConsoleForm("aragora-x");
        Matcher m = Pattern.compile("^<form method='post' action='aragora-x'><input type='hidden' name='token' value='([0-9a-f]{48})'>$")
                .matcher(form.open());
        assertThat(m.matches()).as(form.open()).isTrue();
        assertThat(form.accepts(m.group(1))).isTrue();
        assertThat(form.accepts(null)).isFalse();
        assertThat(form.accepts("")).isFalse();
        assertThat(form.accepts(m.group(1) + "0")).isFalse();
        assertThat(new ConsoleForm("aragora-x").accepts(m.group(1))).as("another page's token").isFalse();
    }

    @Test
    void aPostRedirectsToThePageThatShowsWhatWasDone() {
        ConsoleForm form = new ConsoleForm("aragora-x");
        assertThat(form.redirect("Rotated: k & <b>")).isEqualTo("aragora-x?done=Rotated%3A+k+%26+%3Cb%3E");
        assertThat(form.doneLine("Rotated: <b>")).isEqualTo("<p class='statline' id='aragora-x-done'>Rotated: &lt;b&gt;</p>");
        assertThat(form.doneLine(null)).isEmpty();
        assertThat(ConsoleForm.hidden("agent", "a'b")).isEqualTo("<input type='hidden' name='agent' value='a&#39;b'>");
    }
}
