package ai.aragora.api.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An org's knowledge out of the mound and back: {@link Format#JSON} keeps everything (ids,
 * tiers, strength, provenance, times) and is what {@link #importJson} reads; GraphML and D3's
 * nodes/links JSON are for pictures and are export only.
 */
@ProviderType
public interface KnowledgeExchange {

    /** The {@code format} field of a JSON export. */
    String FORMAT = "aragora.knowledge_mound";
    /** The {@code version} of the JSON export this server writes and reads. */
    int VERSION = 1;

    enum Format {
        JSON, GRAPHML, D3;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format of(String wire) {
            return Wire.parse(Format.class, "format", wire);
        }
    }

    /** How many nodes and relationships were written or read, and how many of the nodes were new to the store. */
    record Summary(long nodes, long relationships, long added) {
    }

    /**
     * Writes the org's nodes (of {@code workspaceId} when not null) and the relationships among
     * them to {@code out}, telling {@code progress} each time more were written.
     */
    Summary export(String orgId, String workspaceId, Format format, OutputStream out, Consumer<Summary> progress) throws IOException;

    /**
     * Reads a JSON export and stores all of it or, when anything in it is wrong, none of it. Nodes
     * and relationships already stored (same id, or same content in the workspace) are left as they are.
     * {@code progress} is told of what was read so far as the file is read, and once more when all of
     * it is read and checked, before it is stored.
     *
     * @throws ImportRejected naming what is wrong: malformed, truncated, another version, too large,
     *         a node or relationship of another org, a relationship to no node, a cycle of derivations
     */
    Summary importJson(String orgId, InputStream in, Consumer<Summary> progress);

    /** An import refused as a whole; nothing of it was stored. */
    class ImportRejected extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;
        private final boolean tooLarge;

        public ImportRejected(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        /** The file is larger than the server accepts (a 413 over HTTP), as opposed to wrong. */
        public boolean tooLarge() {
            return tooLarge;
        }
    }
}
