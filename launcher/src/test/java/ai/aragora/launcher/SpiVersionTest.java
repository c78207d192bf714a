package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * The system bundle must export the SPI at the version its package states (and the baseline
 * checks): a bump in package-info.java that LaunchPlan does not follow would leave every bundle
 * built against the new version unresolved.
 */
class SpiVersionTest {

    @Test
    void theSystemBundleExportsTheSpiAtItsPackageVersion() throws Exception {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        String exported = manifest.getMainAttributes().getValue("Export-Package");
        assertThat(exported).startsWith("ai.aragora.launcher.spi;version=\"");
        String version = exported.replaceFirst("^ai\\.aragora\\.launcher\\.spi;version=\"([^\"]+)\".*$", "$1");
        assertThat(LaunchPlan.SYSTEM_PACKAGES_EXTRA).contains("ai.aragora.launcher.spi;version=" + version + ",");
    }
}
