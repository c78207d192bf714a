package ai.aragora.receipts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, hex in and out as the receipts spell it (lowercase). */
final class Sha256 {

    private Sha256() {
    }

    static byte[] digest(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    /**
     * SHA-256 hex of the text's UTF-8 bytes, encoded a chunk at a time into a buffer of the
     * thread's: a receipt hashes its decision record and its document, several kilobytes each.
     */
    static String hex(String text) {
        Utf8Chunks chunks = CHUNKS.get();
        MessageDigest md = newDigest();
        CharsetEncoder encoder = chunks.encoder.reset();
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = chunks.out;
        CoderResult result;
        do {
            out.clear();
            result = encoder.encode(in, out, true);
            if (result.isError()) {
                // what getBytes would have done with a lone surrogate
                return hex(text.getBytes(StandardCharsets.UTF_8));
            }
            md.update(out.flip());
        } while (result.isOverflow());
        out.clear();
        encoder.flush(out);
        md.update(out.flip());
        return HexFormat.of().formatHex(md.digest());
    }

    private static final ThreadLocal<Utf8Chunks> CHUNKS = ThreadLocal.withInitial(Utf8Chunks::new);

    private static final class Utf8Chunks {
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        final ByteBuffer out = ByteBuffer.allocate(8192);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
