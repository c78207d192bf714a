package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import ai.aragora.itest.support.TestBundles;

/**
 * Bundles come and go without a restart: a REST resource appears and disappears with its
 * bundle, and the watched directory installs, upgrades and removes jars and configurations.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends AragoraTestSupport {

    private static final String HELLO = "ai.aragora.itest.hello";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite");
    }

    @Configuration
    @Override
    public Option[] configuration() throws Exception {
        Option[] options = super.configuration();
        Path jars = Distribution.home().getParent().resolve("test-bundles");
        TestBundles.build(HELLO, "1.0.0", HELLO, Map.of(), jars.resolve("hello-1.0.0.jar"));
        TestBundles.build(HELLO, "2.0.0", HELLO, Map.of(), jars.resolve("hello-2.0.0.jar"));
        return options;
    }

    private Path testJar(String name) {
        return Distribution.home().getParent().resolve("test-bundles").resolve(name);
    }

    private Path watched() throws Exception {
        return Path.of(launched().dataDir()).resolve("bundles");
    }

    private String helloBody() {
        try {
            var response = get("/hello");
            return response.statusCode() == 200 ? response.body() : "status " + response.statusCode();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private Bundle helloBundle() {
        for (Bundle b : context.getBundles()) {
            if (HELLO.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Before
    public void ready() throws Exception {
        await("/readyz", WAIT, () -> status("/readyz") == 200);
        try (var files = Files.list(watched())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.delete(f);
            }
        }
        await("no hello bundle left", WAIT, () -> helloBundle() == null);
        // The whiteboard drops a removed bundle's resource after the bundle is gone, not with it.
        await("no hello resource served", WAIT, () -> status("/hello") == 404);
    }

    @Test
    public void aResourceAppearsAndDisappearsWithItsBundle() throws Exception {
        assertThat(status("/hello")).isEqualTo(404);
        Bundle bundle = context.installBundle(testJar("hello-1.0.0.jar").toUri().toString());
        bundle.start();
        await("the resource to appear", WAIT, () -> helloBody().equals("hello from 1.0.0"));
        assertThat(get("/api/openapi.json").body()).as("the live API document lists it").contains("\"/hello\"");

        bundle.stop();
        await("the resource to disappear", WAIT, () -> status("/hello") == 404);
        assertThat(get("/api/openapi.json").body()).doesNotContain("\"/hello\"");
        bundle.uninstall();
    }

    @Test
    public void aJarDroppedIntoTheDirectoryIsInstalledUpdatedAndRemoved() throws Exception {
        Path dropped = watched().resolve("hello.jar");
        Files.copy(testJar("hello-1.0.0.jar"), dropped);
        await("the dropped bundle to serve", WAIT, () -> helloBody().equals("hello from 1.0.0"));
        long id = helloBundle().getBundleId();

        Files.copy(testJar("hello-2.0.0.jar"), dropped, StandardCopyOption.REPLACE_EXISTING);
        await("the updated bundle to serve", WAIT, () -> helloBody().equals("hello from 2.0.0"));
        assertThat(helloBundle().getBundleId()).as("updated in place, not reinstalled").isEqualTo(id);

        Files.delete(dropped);
        await("the bundle to be uninstalled", WAIT, () -> helloBundle() == null);
        await("its resource to go", WAIT, () -> status("/hello") == 404);
    }

    @Test
    public void aNewerVersionUnderANewNameRetiresTheOlderJar() throws Exception {
        Files.copy(testJar("hello-1.0.0.jar"), watched().resolve("hello-1.0.0.jar"));
        await("version 1 to serve", WAIT, () -> helloBody().equals("hello from 1.0.0"));

        Files.copy(testJar("hello-2.0.0.jar"), watched().resolve("hello-2.0.0.jar"));
        await("version 2 alone to remain", WAIT, () -> {
            long versions = java.util.Arrays.stream(context.getBundles()).filter(b -> HELLO.equals(b.getSymbolicName())).count();
            return versions == 1 && helloBundle().getVersion().toString().equals("2.0.0");
        });
        await("version 2 to serve", WAIT, () -> helloBody().equals("hello from 2.0.0"));
        assertThat(watched().resolve(".superseded").resolve("hello-1.0.0.jar")).exists();
        assertThat(watched().resolve("hello-1.0.0.jar")).doesNotExist();
    }

    @Test
    public void aConfigurationFileConfiguresLive() throws Exception {
        Files.copy(testJar("hello-1.0.0.jar"), watched().resolve("hello.jar"));
        await("the bundle to serve", WAIT, () -> helloBody().equals("hello from 1.0.0"));

        Path cfg = watched().resolve(HELLO + ".cfg");
        Files.writeString(cfg, "greeting = bonjour\n");
        await("the configuration to apply", WAIT, () -> helloBody().equals("bonjour from 1.0.0"));

        assertThat(cfg).as("the operator's file is read, never written back").hasContent("greeting = bonjour\n");

        Files.writeString(cfg, "greeting = hola\n");
        await("the changed configuration to apply", WAIT, () -> helloBody().equals("hola from 1.0.0"));
        assertThat(cfg).hasContent("greeting = hola\n");

        Files.delete(cfg);
        await("the default to return", WAIT, () -> helloBody().equals("hello from 1.0.0"));
    }
}
