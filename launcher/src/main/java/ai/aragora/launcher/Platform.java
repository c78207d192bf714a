package ai.aragora.launcher;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One running Felix framework: the bundles of the chosen features installed from the
 * distribution's repository, configuration handed to Configuration Admin before the
 * application tiers start, and a clean stop.
 */
final class Platform {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Framework framework;
    private final Path storage;
    private final Log log;

    private Platform(Framework framework, Path storage, Log log) {
        this.framework = framework;
        this.storage = storage;
        this.log = log;
    }

    static Platform boot(LaunchPlan plan, Path tempDir, Log log) throws StartupException {
        Path storage = createStorage(tempDir);
        Map<String, String> props = new HashMap<>(plan.frameworkProperties());
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Configuration Admin (level 1) receives the configurations before anything that reads them starts.
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Platform.class.getClassLoader())
                .findFirst().orElseThrow(() -> new StartupException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        Platform platform = new Platform(framework, storage, log);
        try {
            framework.init();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            framework.getBundleContext().addFrameworkListener(event -> {
                if (event.getType() == FrameworkEvent.ERROR && event.getThrowable() != null) {
                    errors.add(event.getThrowable());
                }
            });
            // at DEBUG, or alone with -Daragora.startup.profile=true (at INFO, without DEBUG's chatter)
            boolean profiling = log.debugEnabled() || Boolean.getBoolean("aragora.startup.profile");
            StartupProfile profile = profiling ? StartupProfile.attach(framework.getBundleContext()) : null;
            platform.install(plan.bundles());
            mark(profile, "installed " + plan.bundles().size() + " bundles");
            framework.start();
            platform.configure(plan.configurations());
            mark(profile, "configured");
            platform.raiseStartLevel(plan.maxStartLevel());
            platform.checkAllStarted(errors);
            if (profile != null) {
                profile.mark("every bundle started");
                profile.detach(framework.getBundleContext());
                profile.report().forEach(log.debugEnabled() ? log::debug : log::info);
            }
            return platform;
        } catch (BundleException e) {
            platform.stopQuietly();
            throw new StartupException("the OSGi framework failed to start: " + e.getMessage(), e);
        } catch (StartupException e) {
            platform.stopQuietly();
            throw e;
        }
    }

    private static void mark(StartupProfile profile, String step) {
        if (profile != null) {
            profile.mark(step);
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Blocks until the framework has stopped, whoever stopped it. */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops every bundle in reverse start-level order; bundles drain their work within {@code timeout}. */
    boolean stop(Duration timeout) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(timeout.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.error("the framework did not stop within " + timeout.toSeconds() + " s");
                return false;
            }
            return true;
        } catch (BundleException e) {
            log.error("stopping the framework failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteStorage();
        }
    }

    private void stopQuietly() {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
            stop(Duration.ofSeconds(30));
        } else {
            deleteStorage();
        }
    }

    private void install(List<LaunchPlan.PlannedBundle> bundles) throws StartupException {
        BundleContext context = framework.getBundleContext();
        for (LaunchPlan.PlannedBundle b : bundles) {
            try {
                // reference: keeps the jar where it is instead of copying it into the cache
                Bundle bundle = context.installBundle("reference:" + b.jar().toUri());
                bundle.adapt(BundleStartLevel.class).setStartLevel(b.startLevel());
                if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                    bundle.start(Bundle.START_ACTIVATION_POLICY);
                }
            } catch (BundleException e) {
                throw new StartupException("bundle " + b.id() + " cannot be installed: " + e.getMessage(), e);
            }
        }
    }

    private void configure(Map<String, Map<String, Object>> configurations) throws StartupException {
        BundleContext context = framework.getBundleContext();
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        if (ref == null) {
            throw new StartupException("Configuration Admin is not running at start level 1; the core feature must provide it");
        }
        ConfigurationAdmin admin = context.getService(ref);
        try {
            for (Map.Entry<String, Map<String, Object>> e : configurations.entrySet()) {
                String pid = e.getKey();
                int tilde = pid.indexOf('~');
                Configuration config = tilde < 0
                        ? admin.getConfiguration(pid, "?")
                        : admin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
                config.updateIfDifferent(dictionary(e.getValue()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("configuration cannot be applied: " + e.getMessage(), e);
        } finally {
            context.ungetService(ref);
        }
    }

    private void raiseStartLevel(int level) throws StartupException {
        CountDownLatch reached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> reached.countDown());
        try {
            if (!reached.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new StartupException("bundles did not start within " + START_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting");
        }
    }

    /** A bundle that did not resolve or whose activator failed is a startup error, named with its reason. */
    private void checkAllStarted(List<Throwable> errors) throws StartupException {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (bundle.getBundleId() == 0 || fragment || bundle.getState() == Bundle.ACTIVE
                    || bundle.getState() == Bundle.STARTING) {
                continue;
            }
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException e) {
                problems.add(bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + e.getMessage());
            }
        }
        errors.stream().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).distinct().limit(20).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new StartupException("bundles failed to start:\n  " + String.join("\n  ", problems));
        }
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> props) {
        Hashtable<String, Object> dict = new Hashtable<>();
        props.forEach((k, v) -> {
            if (v != null) {
                dict.put(k, configValue(k, v));
            }
        });
        return dict;
    }

    /** JSON values to the types Configuration Admin accepts. */
    private static Object configValue(String key, Object v) {
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof List<?> list) {
            if (list.stream().allMatch(String.class::isInstance)) {
                return list.toArray(new String[0]);
            }
            if (list.stream().allMatch(Long.class::isInstance)) {
                return list.stream().mapToLong(Long.class::cast).toArray();
            }
            throw new IllegalArgumentException("property " + key + " mixes value types");
        }
        if (v instanceof Map<?, ?>) {
            throw new IllegalArgumentException("property " + key + " is an object; configurations hold scalars and arrays");
        }
        return v;
    }

    private static Path createStorage(Path tempDir) throws StartupException {
        try {
            Files.createDirectories(tempDir);
            return Files.createTempDirectory(tempDir, "osgi-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new StartupException("cannot create the framework cache under " + tempDir + ": " + e.getMessage(), e);
        }
    }

    private void deleteStorage() {
        try {
            Directories.delete(storage);
        } catch (IOException e) {
            log.warn("could not delete the framework cache " + storage + ": " + e.getMessage());
        }
    }
}
