package ai.aragora.knowledge;

import java.io.IOException;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.Relationship;

/** One export format being written: every node first, then the relationships among them, then the end. */
interface ExportSink extends AutoCloseable {

    void node(KnowledgeNode n) throws IOException;

    void relationship(Relationship r) throws IOException;

    @Override
    void close() throws IOException;
}
