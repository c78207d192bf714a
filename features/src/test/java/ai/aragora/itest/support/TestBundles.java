package ai.aragora.itest.support;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/** Builds bundles from the test classes with bnd, the same tool that builds the product's bundles. */
public final class TestBundles {

    private TestBundles() {
    }

    /**
     * A bundle holding {@code packageName} from the compiled test classes, with DS metadata from
     * its annotations, written to {@code target}.
     */
    public static Path build(String symbolicName, String version, String packageName, Map<String, String> headers,
            Path target) throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", symbolicName);
            builder.setProperty("Bundle-Version", version);
            builder.setProperty("Private-Package", packageName);
            builder.setProperty("-dsannotations", "*");
            builder.setProperty("-noextraheaders", "true");
            headers.forEach(builder::setProperty);
            builder.addClasspath(new File(System.getProperty("aragora.test.classes")));
            // The distribution's bundles: bnd computes import ranges from their exports.
            try (java.util.stream.Stream<Path> jars = java.nio.file.Files.walk(ai.aragora.itest.Distribution.home().resolve("bundles"))) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    builder.addClasspath(jar.toFile());
                }
            }
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    builder.addClasspath(new File(entry));
                }
            }
            Jar jar = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd could not build " + symbolicName + ": " + builder.getErrors());
            }
            File file = target.toFile();
            file.getParentFile().mkdirs();
            jar.write(file);
            return target;
        }
    }
}
