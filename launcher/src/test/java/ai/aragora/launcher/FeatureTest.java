package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTest {

    @TempDir
    Path dir;

    @Test
    void readsBundlesStartOrdersAndConfigurations() throws Exception {
        Path file = dir.resolve("web.json");
        Files.writeString(file, """
                {
                  "feature-resource-version": "1.0",
                  "id": "ai.aragora:features:osgifeature:web:1.0.0",
                  "bundles": [
                    { "id": "org.example:a:1.0", "start-order": 2 },
                    "org.example:b:2.0"
                  ],
                  "configurations": { "my.pid": { "port": 8080, "names": ["x", "y"] } }
                }
                """);
        Feature feature = Feature.read(file);
        assertThat(feature.name()).isEqualTo("web");
        assertThat(feature.bundles()).extracting(Feature.Bundle::startOrder).containsExactly(2, Feature.DEFAULT_START_ORDER);
        assertThat(feature.configurations().get("my.pid")).containsEntry("port", 8080L);
    }

    @Test
    void mapsCoordinatesToARepositoryLayout() {
        Path repo = Path.of("/repo");
        assertThat(new Feature.Bundle("org.apache.felix:org.apache.felix.scr:2.2.18", 1).path(repo))
                .isEqualTo(Path.of("/repo/org/apache/felix/org.apache.felix.scr/2.2.18/org.apache.felix.scr-2.2.18.jar"));
        assertThat(new Feature.Bundle("org.apache.felix:org.apache.felix.http.jetty12:jar:with-jetty-websockets:1.1.8", 2).path(repo))
                .isEqualTo(Path.of("/repo/org/apache/felix/org.apache.felix.http.jetty12/1.1.8/org.apache.felix.http.jetty12-1.1.8-with-jetty-websockets.jar"));
        assertThatThrownBy(() -> new Feature.Bundle("nonsense", 1).path(repo)).hasMessageContaining("groupId:artifactId");
    }

    @Test
    void anUnknownFeatureIsNamed() {
        assertThatThrownBy(() -> Feature.read(dir.resolve("nope.json"))).hasMessageContaining("unknown feature 'nope'");
    }

    @Test
    void aFeatureWithoutIdIsRejected() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"bundles\": []}");
        assertThatThrownBy(() -> Feature.read(file)).hasMessageContaining("missing \"id\"");
    }
}
