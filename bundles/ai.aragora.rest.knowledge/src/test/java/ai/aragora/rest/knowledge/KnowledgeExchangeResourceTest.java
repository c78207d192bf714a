package ai.aragora.rest.knowledge;

import static ai.aragora.rest.knowledge.KnowledgeResourceTest.OTHER_ORG;
import static ai.aragora.rest.knowledge.KnowledgeResourceTest.READER;
import static ai.aragora.rest.knowledge.KnowledgeResourceTest.WRITER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.junit.jupiter.api.Test;

import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.api.knowledge.KnowledgeExchange;

class KnowledgeExchangeResourceTest {

    /** Writes the org and format it was asked for; imports answer what {@code answer} says. */
    static final class Recorder implements KnowledgeExchange {
        final List<String> calls = new ArrayList<>();
        RuntimeException refusal;

        @Override
        public Summary export(String orgId, String workspaceId, Format format, OutputStream out, Consumer<Summary> progress)
                throws IOException {
            calls.add("export " + orgId + " " + workspaceId + " " + format);
            out.write((orgId + ":" + format.wire()).getBytes(StandardCharsets.UTF_8));
            return new Summary(1, 0, 0);
        }

        @Override
        public Summary importJson(String orgId, InputStream in, Consumer<Summary> progress) {
            calls.add("import " + orgId);
            if (refusal != null) {
                throw refusal;
            }
            return new Summary(3, 2, 1);
        }
    }

    private final Recorder exchange = new Recorder();
    private final KnowledgeExchangeResource resource = new KnowledgeExchangeResource(exchange, new KnowledgeResourceTest.Grants());

    private static String body(Response response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static InputStream file() {
        return new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReaderExportsItsOwnOrgInTheFormatItAsksFor() throws IOException {
        Response json = resource.export(READER, "export", "json", null, null);
        assertThat(body(json)).isEqualTo("acme:json");
        assertThat(json.getHeaderString("Content-Disposition")).isEqualTo("attachment; filename=\"knowledge-acme.json\"");

        Response graph = resource.export(READER, "export", "GraphML", "ops", null);
        assertThat(body(graph)).isEqualTo("acme:graphml");
        assertThat(graph.getMediaType().toString()).startsWith(KnowledgeExchangeResource.GRAPHML);
        assertThat(exchange.calls).containsExactly("export acme null JSON", "export acme ops GRAPHML");

        assertThatThrownBy(() -> resource.export(OTHER_ORG, "export", "d3", null, "acme")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> resource.export(READER, "export", "csv", null, null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("format must be one of json, graphml, d3");
        assertThatThrownBy(() -> resource.export(READER, "import", "json", null, null)).isInstanceOf(NotAllowedException.class);
    }

    @Test
    void anImportNeedsWriteAndARefusedOneIsA400OrA413NamingWhy() {
        assertThatThrownBy(() -> resource.importJson(READER, "import", file(), null)).isInstanceOf(PermissionDeniedException.class);
        assertThat(resource.importJson(WRITER, "import", file(), null)).containsEntry("success", true).containsEntry("org_id", "acme")
                .containsEntry("nodes", 3L).containsEntry("relationships", 2L).containsEntry("new_nodes", 1L);

        exchange.refusal = new KnowledgeExchange.ImportRejected("version 2 is not supported", false);
        assertThatThrownBy(() -> resource.importJson(WRITER, "import", file(), null)).isInstanceOf(BadRequestException.class)
                .hasMessage("import refused, nothing was stored: version 2 is not supported");
        exchange.refusal = new KnowledgeExchange.ImportRejected("the file is larger than the 32 MB", true);
        assertThatThrownBy(() -> resource.importJson(WRITER, "import", file(), null)).isInstanceOf(WebApplicationException.class)
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(413));
        assertThatThrownBy(() -> resource.importJson(WRITER, "export", file(), null)).isInstanceOf(NotAllowedException.class);
    }

    @Test
    void withoutTheKnowledgeFeatureBothAnswerA404SayingSo() {
        KnowledgeExchangeResource unbound = new KnowledgeExchangeResource(null, new KnowledgeResourceTest.Grants());
        assertThatThrownBy(() -> unbound.export(READER, "export", "json", null, null)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("feature knowledge");
        assertThatThrownBy(() -> unbound.importJson(WRITER, "import", file(), null)).isInstanceOf(NotFoundException.class);
    }
}
