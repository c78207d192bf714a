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

    /** A JDK type only: a thread of another bundle holding it keeps no class of this one alive. */
    private static final ThreadLocal<ByteBuffer> CHUNK = ThreadLocal.withInitial(() -> ByteBuffer.allocate(8192));

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
        MessageDigest md = newDigest();
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = CHUNK.get();
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

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
