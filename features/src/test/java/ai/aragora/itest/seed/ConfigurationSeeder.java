package ai.aragora.itest.seed;

import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Plays the launcher's part in a test framework: at start level 1, as soon as Configuration
 * Admin is up, it hands it the launch plan's configurations, before the bundles that read
 * them start. Packaged into a bundle by the test harness.
 */
public class ConfigurationSeeder implements BundleActivator {

    public static final String CONFIGURATIONS_FILE = "aragora.itest.configurations";

    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker;

    @Override
    public void start(BundleContext context) {
        tracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null) {
            @Override
            public ConfigurationAdmin addingService(ServiceReference<ConfigurationAdmin> reference) {
                ConfigurationAdmin admin = context.getService(reference);
                seed(admin);
                return admin;
            }
        };
        tracker.open();
    }

    @Override
    public void stop(BundleContext context) {
        tracker.close();
    }

    @SuppressWarnings("unchecked")
    private static void seed(ConfigurationAdmin admin) {
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty(CONFIGURATIONS_FILE)));
                ObjectInputStream ois = new ObjectInputStream(in)) {
            Map<String, Map<String, Object>> configurations = (Map<String, Map<String, Object>>) ois.readObject();
            for (Map.Entry<String, Map<String, Object>> e : configurations.entrySet()) {
                String pid = e.getKey();
                int tilde = pid.indexOf('~');
                Configuration config = tilde < 0
                        ? admin.getConfiguration(pid, "?")
                        : admin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
                Hashtable<String, Object> dict = new Hashtable<>();
                e.getValue().forEach((k, v) -> {
                    if (v != null) {
                        dict.put(k, v);
                    }
                });
                config.update(dict);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot seed the test configurations", e);
        }
    }
}
