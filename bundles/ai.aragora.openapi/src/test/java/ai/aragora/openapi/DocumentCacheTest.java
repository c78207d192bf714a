package ai.aragora.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class DocumentCacheTest {

    @Path("/one")
    static class OneResource {
        @GET
        public String one() {
            return null;
        }
    }

    @Path("/two")
    static class TwoResource {
        @GET
        public String two() {
            return null;
        }
    }

    private final DocumentCache cache = new DocumentCache(new OpenApiGenerator(new ObjectMapper()), "Test API");
    private final List<Class<?>> registered = new ArrayList<>(List.of(OneResource.class));
    private final AtomicInteger reads = new AtomicInteger();
    private final Supplier<List<Class<?>>> resources = () -> {
        reads.incrementAndGet();
        return List.copyOf(registered);
    };

    @Test
    void requestsWithoutChangeReuseTheDocument() {
        ObjectNode first = cache.document(1, "1.0", resources);
        ObjectNode second = cache.document(1, "1.0", resources);

        assertThat(second).isSameAs(first);
        assertThat(reads).as("the resources are read once").hasValue(1);
    }

    @Test
    void aChangedResourceSetIsReflected() {
        ObjectNode before = cache.document(1, "1.0", resources);
        registered.add(TwoResource.class);
        ObjectNode after = cache.document(2, "1.0", resources);

        assertThat(before.get("paths").has("/two")).isFalse();
        assertThat(after.get("paths").has("/one")).isTrue();
        assertThat(after.get("paths").has("/two")).isTrue();
        registered.remove(OneResource.class);
        assertThat(cache.document(3, "1.0", resources).get("paths").has("/one")).isFalse();
    }

    @Test
    void aNewServerVersionIsReflected() {
        cache.document(1, "1.0", resources);

        assertThat(cache.document(1, "1.1", resources).at("/info/version").asText()).isEqualTo("1.1");
        assertThat(reads).hasValue(2);
    }
}
