package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import aQute.bnd.osgi.repository.SimpleIndexer;
import biz.aQute.resolve.Bndrun;

import ai.aragora.launcher.LaunchPlan;

/**
 * Every feature set the launcher boots must resolve with bnd's resolver against exactly its own
 * bundles and the framework the distribution ships: a missing import, a wrong version range or
 * a bundle left out of a feature fails the build here, with the resolver's explanation.
 */
class FeatureResolutionIT {

    /** Each is removed or upgraded on its own: what they share is API and a service (decision 0030). */
    private static final Set<String> SINKS = Set.of("ai.aragora.webhooks.http", "ai.aragora.webhooks.slack");

    @TestFactory
    Stream<DynamicTest> everyLaunchProfileResolves() {
        return LaunchPlan.profiles().entrySet().stream()
                .map(profile -> DynamicTest.dynamicTest(profile.getKey() + " " + profile.getValue(),
                        () -> resolves(profile.getKey(), profile.getValue())));
    }

    private static void resolves(String name, List<String> features) throws Exception {
        Path work = Distribution.newDataDir("resolve-" + name);
        LaunchPlan plan = LaunchPlan.prepare(Distribution.home(),
                Map.of("ARAGORA_DATA_DIR", work.toString(), "ARAGORA_LOG_LEVEL", "ERROR"), Map.of(), features);

        List<File> jars = new ArrayList<>();
        Set<String> required = new LinkedHashSet<>();
        for (LaunchPlan.PlannedBundle b : plan.bundles()) {
            jars.add(b.jar().toFile());
            try (JarFile jar = new JarFile(b.jar().toFile())) {
                String bsn = jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
                required.add(bsn);
                if (SINKS.contains(bsn)) {
                    assertThat(jar.getManifest().getMainAttributes().getValue("Export-Package"))
                            .as("%s exports nothing another bundle could lean on", bsn).isNull();
                }
            }
        }
        Path framework = Distribution.home().resolve("lib/org.apache.felix.framework.jar");
        jars.add(framework.toFile());

        Path index = work.resolve("index.xml");
        try (OutputStream out = Files.newOutputStream(index)) {
            new SimpleIndexer().files(jars).base(work.toUri()).index(out);
        }
        Path bndrun = work.resolve(name + ".bndrun");
        Files.writeString(bndrun, String.join("\n",
                "-standalone: " + index.toUri(),
                "-runfw: org.apache.felix.framework",
                "-runee: JavaSE-17",
                "-runsystempackages: " + LaunchPlan.SYSTEM_PACKAGES_EXTRA,
                "-runrequires: " + required.stream().map(bsn -> "bnd.identity;id='" + bsn + "'")
                        .collect(Collectors.joining(",")),
                ""));

        try (Bndrun run = Bndrun.createBndrun(null, bndrun.toFile())) {
            String resolved = run.resolve(false, false);
            assertThat(run.getErrors()).as("bnd resolver errors for %s", name).isEmpty();
            assertThat(resolved).as("every bundle of %s is in the resolution", name).isNotBlank();
            for (String bsn : required) {
                assertThat(resolved).as("%s resolves in %s", bsn, name).contains(bsn);
            }
        }
    }
}
