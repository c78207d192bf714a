package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void aTextHashesAsItsUtf8BytesAcrossChunkBoundaries() {
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            // one, two, three and four UTF-8 bytes, so characters straddle the 8 KB chunks
            text.append('a').append('é').append('€').append("😀");
        }
        for (String t : new String[] {text.toString(), text.substring(1), text.substring(3)}) {
            assertThat(Sha256.hex(t)).isEqualTo(Sha256.hex(t.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aLoneSurrogateHashesAsGetBytesEncodesIt() {
        String lone = "x".repeat(9_000) + '\ud800' + "y";
        assertThat(Sha256.hex(lone)).isEqualTo(Sha256.hex(lone.getBytes(StandardCharsets.UTF_8)));
    }
}
