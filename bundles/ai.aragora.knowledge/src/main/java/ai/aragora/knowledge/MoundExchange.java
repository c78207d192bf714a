package ai.aragora.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.knowledge.KnowledgeExchange;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.Relationship;

/**
 * Export in pages straight from the store to the caller's stream, so an org of any size costs
 * one page of memory; import read and checked whole (within {@code import.max.megabytes}) and
 * written in one transaction.
 */
@Component(service = KnowledgeExchange.class, configurationPid = KnowledgeConfig.PID)
public class MoundExchange implements KnowledgeExchange {

    static final int PAGE = 1_000;

    private final KnowledgeStore store;
    private final Mound mound;
    private final MoundMetrics metrics;
    private volatile KnowledgeConfig config;

    @Activate
    public MoundExchange(@Reference KnowledgeStore store, @Reference Mound mound, @Reference MoundMetrics metrics, KnowledgeConfig config) {
        this.store = store;
        this.mound = mound;
        this.metrics = metrics;
        this.config = config;
    }

    @Modified
    void modified(KnowledgeConfig changed) {
        config = changed;
    }

    @Override
    public Summary export(String orgId, String workspaceId, Format format, OutputStream out, Consumer<Summary> progress) throws IOException {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            Summary done = switch (format) {
                case JSON -> write(orgId, workspaceId, progress, new JsonExportWriter(out, orgId, workspaceId, Instant.now()));
                case GRAPHML -> write(orgId, workspaceId, progress, PictureFormats.graphMl(out, orgId));
                case D3 -> write(orgId, workspaceId, progress, PictureFormats.d3(out));
            };
            ok = true;
            return done;
        } finally {
            metrics.observe("export", ok, start);
        }
    }

    /** Nodes page by page, then the relationships whose both ends were written. */
    private Summary write(String orgId, String workspaceId, Consumer<Summary> progress, ExportSink sink) throws IOException {
        Set<String> written = new HashSet<>();
        long relationships = 0;
        try (sink) {
            String after = null;
            for (List<KnowledgeNode> page = store.nodesAfter(orgId, workspaceId, null, PAGE); !page.isEmpty();
                    page = store.nodesAfter(orgId, workspaceId, after, PAGE)) {
                for (KnowledgeNode n : page) {
                    sink.node(n);
                    written.add(n.id());
                }
                after = page.get(page.size() - 1).id();
                progress.accept(new Summary(written.size(), 0, 0));
            }
            after = null;
            for (List<Relationship> page = store.relationshipsAfter(orgId, null, PAGE); !page.isEmpty();
                    page = store.relationshipsAfter(orgId, after, PAGE)) {
                for (Relationship r : page) {
                    if (written.contains(r.sourceId()) && written.contains(r.targetId())) {
                        sink.relationship(r);
                        relationships++;
                    }
                }
                after = page.get(page.size() - 1).id();
                progress.accept(new Summary(written.size(), relationships, 0));
            }
        }
        return new Summary(written.size(), relationships, 0);
    }

    @Override
    public Summary importJson(String orgId, InputStream in, Consumer<Summary> progress) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            ExchangeJson.Archive archive = ExchangeJson.read(new BoundedInput(in, (long) config.import_max_megabytes() << 20), orgId,
                    (nodes, relationships) -> progress.accept(new Summary(nodes, relationships, 0)));
            progress.accept(new Summary(archive.nodes().size(), archive.relationships().size(), 0));
            int added;
            try {
                added = store.importAll(archive.nodes(), archive.relationships());
            } catch (ImportRejected e) {
                throw e;
            } catch (IllegalArgumentException e) {
                // A relationship to a node neither in the file nor the org's (or stored under another org).
                throw new ImportRejected(e.getMessage(), false);
            }
            mound.imported(orgId);
            Summary done = new Summary(archive.nodes().size(), archive.relationships().size(), added);
            ok = true;
            return done;
        } finally {
            metrics.observe("import", ok, start);
        }
    }
}
