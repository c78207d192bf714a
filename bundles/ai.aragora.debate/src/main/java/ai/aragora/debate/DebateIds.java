package ai.aragora.debate;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Debate ids as version 7 UUIDs (RFC 9562): the creation time in milliseconds, then 74 random
 * bits. Debates created together sort together, so the store's indexes keyed by debate id grow at
 * their right edge and the debates running at once share index pages, instead of each debate
 * dirtying a page of its own anywhere in the index on every write.
 */
final class DebateIds {

    private final SecureRandom random = new SecureRandom();

    String next(long epochMillis) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextInt() & 0x0FFF);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return "deb-" + new UUID(high, low);
    }
}
