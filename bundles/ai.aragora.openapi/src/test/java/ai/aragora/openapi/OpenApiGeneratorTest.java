package ai.aragora.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

class OpenApiGeneratorTest {

    enum Mode {
        MAJORITY, UNANIMOUS;

        public String wire() {
            return name().toLowerCase();
        }
    }

    record CreateDebate(String task, List<String> agents, int rounds, Optional<Mode> consensus, Map<String, String> metadata) {
    }

    record Debate(String debateId, String task, Instant createdAt, double confidence, Mode mode, List<Debate> related) {
    }

    record Page(List<Debate> debates, long total, int limit, int offset) {
    }

    @Path("/api/v1/debates")
    @Produces(MediaType.APPLICATION_JSON)
    static class DebatesResource {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Debate create(CreateDebate request) {
            return null;
        }

        @GET
        public Page list(@QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("status") String status) {
            return null;
        }

        @GET
        @Path("{id: [A-Za-z0-9-]+}")
        public Debate get(@PathParam("id") String id) {
            return null;
        }

        @DELETE
        @Path("{id}")
        public Response delete(@PathParam("id") String id) {
            return null;
        }

        @GET
        @Path("{id}/export/{format}")
        @Produces({MediaType.TEXT_PLAIN, "text/csv"})
        public String export(@PathParam("id") String id, @PathParam("format") String format) {
            return null;
        }
    }

    @Path("/")
    static class HealthResource {
        @GET
        @Path("healthz")
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, String> liveness() {
            return null;
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectNode doc = new OpenApiGenerator(mapper).generate("Aragora API", "1.2.3",
            List.of(DebatesResource.class, HealthResource.class));

    @Test
    void theDocumentIsValidOpenApi31() throws Exception {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(mapper.writeValueAsString(doc), null, null);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/debates", "/api/v1/debates/{id}",
                "/api/v1/debates/{id}/export/{format}", "/healthz");
    }

    @Test
    void pathsParametersAndBodiesComeFromTheAnnotations() {
        ObjectNode byId = (ObjectNode) doc.at("/paths/~1api~1v1~1debates~1{id}");
        assertThat(byId.has("get")).isTrue();
        assertThat(byId.has("delete")).isTrue();
        assertThat(byId.at("/get/parameters/0/name").asText()).isEqualTo("id");
        assertThat(byId.at("/get/parameters/0/required").asBoolean()).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1debates/get/parameters/0/schema/default").asLong()).isEqualTo(20);
        assertThat(doc.at("/paths/~1api~1v1~1debates/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/CreateDebate");
        assertThat(doc.at("/paths/~1api~1v1~1debates~1{id}~1export~1{format}/get/responses/200/content").has("text/csv")).isTrue();
        assertThat(doc.at("/paths/~1healthz/get/responses/4XX/$ref").asText()).isEqualTo("#/components/responses/Error");
    }

    @Test
    void bearerTokensAreDeclaredAndOptional() {
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/security/0").has("bearer")).isTrue();
        assertThat(doc.at("/security/1").isEmpty()).as("an empty requirement: routes may be called without a token").isTrue();
    }

    @Test
    void schemasUseTheWireNames() {
        ObjectNode debate = (ObjectNode) doc.at("/components/schemas/Debate");
        assertThat(debate.at("/properties/debate_id/type").asText()).isEqualTo("string");
        assertThat(debate.at("/properties/created_at/format").asText()).isEqualTo("date-time");
        assertThat(debate.at("/properties/mode/enum/0").asText()).isEqualTo("majority");
        assertThat(debate.at("/properties/related/items/$ref").asText()).isEqualTo("#/components/schemas/Debate");
        assertThat(doc.at("/components/schemas/CreateDebate/properties/consensus/enum/1").asText()).isEqualTo("unanimous");
    }

    @Test
    void generationIsStable() {
        ObjectNode again = new OpenApiGenerator(mapper).generate("Aragora API", "1.2.3",
                List.of(HealthResource.class, DebatesResource.class));
        assertThat(again).isEqualTo(doc);
    }

    @Test
    void templatesDropParameterPatterns() {
        assertThat(OpenApiGenerator.template("/api/v1/debates/", "{id: [a-z]+}/messages")).isEqualTo("/api/v1/debates/{id}/messages");
        assertThat(OpenApiGenerator.template("/", "")).isEqualTo("/");
        assertThat(OpenApiGenerator.sentence("listDebates")).isEqualTo("List debates");
    }

    @Test
    void anOptionalVersionSegmentServesBothPaths() {
        assertThat(OpenApiGenerator.templates("api{v: (/v1)?}/debates", "{id}"))
                .containsExactly("/api/debates/{id}", "/api/v1/debates/{id}");
        assertThat(OpenApiGenerator.templates("/", "healthz")).containsExactly("/healthz");
    }
}
