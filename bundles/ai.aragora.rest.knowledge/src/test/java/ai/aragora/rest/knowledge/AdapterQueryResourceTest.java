package ai.aragora.rest.knowledge;

import static ai.aragora.rest.knowledge.KnowledgeResourceTest.OTHER_ORG;
import static ai.aragora.rest.knowledge.KnowledgeResourceTest.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.AdapterQueries;
import ai.aragora.api.knowledge.SearchResult;

class AdapterQueryResourceTest {

    private final List<String> asked = new ArrayList<>();
    private final AdapterQueries queries = new AdapterQueries() {
        @Override
        public Set<String> adapters() {
            return Set.of("ranking", "control_plane");
        }

        @Override
        public SearchResult query(String adapter, String orgId, String question, int limit) {
            if (!adapters().contains(adapter)) {
                throw new NoSuchElementException("no knowledge adapter '" + adapter + "' is running");
            }
            asked.add(adapter + " " + orgId + " " + question + " " + limit);
            return new SearchResult(List.of(), false);
        }
    };
    private final AdapterQueryResource resource = new AdapterQueryResource(queries, new KnowledgeResourceTest.Grants());

    @Test
    void anAdapterIsAskedInTheCallersOrgAndAnUnknownOneIsA404() {
        assertThat(resource.adapters(READER)).containsEntry("adapters", new java.util.TreeSet<>(Set.of("control_plane", "ranking")));
        assertThat(resource.query(READER, "control_plane", "security review", 5, null)).containsEntry("adapter", "control_plane")
                .containsEntry("total", 0).containsEntry("search_mode", "lexical");
        assertThat(asked).containsExactly("control_plane acme security review 5");
        assertThatThrownBy(() -> resource.query(READER, "pulse", "x", 5, null)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("pulse");
        assertThatThrownBy(() -> resource.query(OTHER_ORG, "ranking", "x", 5, "acme")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> resource.query(READER, "ranking", " ", 5, null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> resource.query(READER, "ranking", "x", 0, null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> new AdapterQueryResource(null, new KnowledgeResourceTest.Grants()).adapters(READER))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("feature knowledge");
    }
}
