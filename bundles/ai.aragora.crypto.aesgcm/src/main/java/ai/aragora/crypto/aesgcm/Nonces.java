package ai.aragora.crypto.aesgcm;

import java.security.SecureRandom;

/**
 * Random 96-bit nonces from the JDK's SecureRandom, drawn in blocks per thread: one call for many
 * nonces instead of one each, which costs more than the AES-GCM of a short field.
 */
final class Nonces {

    static final int BYTES = 12;
    private static final int PER_BLOCK = 256;

    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Block> blocks = ThreadLocal.withInitial(Block::new);

    private static final class Block {
        final byte[] bytes = new byte[BYTES * PER_BLOCK];
        int next = PER_BLOCK;
    }

    byte[] next() {
        Block b = blocks.get();
        if (b.next == PER_BLOCK) {
            random.nextBytes(b.bytes);
            b.next = 0;
        }
        byte[] nonce = new byte[BYTES];
        System.arraycopy(b.bytes, b.next * BYTES, nonce, 0, BYTES);
        // what was handed out is not kept, so nothing in memory predicts a nonce already used
        java.util.Arrays.fill(b.bytes, b.next * BYTES, (b.next + 1) * BYTES, (byte) 0);
        b.next++;
        return nonce;
    }
}
