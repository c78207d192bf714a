package ai.aragora.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

class HttpMetricsFilterTest {

    @Path("/api/v1/debates")
    static class Debates {
        @GET
        @Path("{id}")
        public String get() {
            return "";
        }

        @GET
        public String list() {
            return "";
        }
    }

    @Path("/")
    static class Root {
        @GET
        @Path("healthz")
        public String health() {
            return "";
        }
    }

    @Test
    void routesAreTemplatesNotRawPaths() throws Exception {
        assertThat(HttpMetricsFilter.template(Debates.class, Debates.class.getMethod("get"))).isEqualTo("/api/v1/debates/{id}");
        assertThat(HttpMetricsFilter.template(Debates.class, Debates.class.getMethod("list"))).isEqualTo("/api/v1/debates");
        assertThat(HttpMetricsFilter.template(Root.class, Root.class.getMethod("health"))).isEqualTo("/healthz");
    }
}
