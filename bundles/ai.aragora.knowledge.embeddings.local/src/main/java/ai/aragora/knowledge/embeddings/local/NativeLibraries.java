package ai.aragora.knowledge.embeddings.local;

import java.nio.file.Path;

/**
 * The tokenizer (DJL) unpacks its native library into a cache directory, by default under the
 * user's home, which a container may not let it write; and it would download a missing one.
 * Unless the operator chose otherwise, the cache is a directory of the temp dir and DJL is
 * offline: everything it needs is inside this bundle.
 */
final class NativeLibraries {

    static final String CACHE_DIR = "DJL_CACHE_DIR";
    static final String OFFLINE = "ai.djl.offline";

    private NativeLibraries() {
    }

    static void keepInTheTempDir() {
        if (System.getProperty(CACHE_DIR) == null && System.getenv(CACHE_DIR) == null) {
            System.setProperty(CACHE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "aragora-djl").toString());
        }
        if (System.getProperty(OFFLINE) == null) {
            System.setProperty(OFFLINE, "true");
        }
    }
}
