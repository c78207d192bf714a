package ai.aragora.hotdeploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes "drop the new jar in" an upgrade. FileInstall installs a jar with a new file name as a
 * second bundle beside the old one; once the newer one has started, this moves the older jar
 * to {@code .superseded/} and FileInstall, seeing it gone, uninstalls the old bundle. Nothing
 * is deleted: an operator rolls back by moving the jar back.
 */
@Component(immediate = true, configurationPid = "ai.aragora.server", configurationPolicy = ConfigurationPolicy.REQUIRE)
public class SupersededBundles implements SynchronousBundleListener {

    static final String SUPERSEDED = ".superseded";
    private static final Logger LOG = LoggerFactory.getLogger(SupersededBundles.class);

    @interface Directories {
        String bundles_dir();
    }

    private final BundleContext context;
    private final Path watched;

    @Activate
    public SupersededBundles(BundleContext context, Directories config) {
        this.context = context;
        this.watched = Path.of(config.bundles_dir()).toAbsolutePath().normalize();
        context.addBundleListener(this);
        retireSuperseded();
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        boolean arrived = event.getType() == BundleEvent.STARTED
                || (event.getType() == BundleEvent.RESOLVED && event.getBundle().getHeaders().get("Fragment-Host") != null);
        if (arrived && jarInWatchedDirectory(event.getBundle()) != null) {
            retireSuperseded();
        }
    }

    private synchronized void retireSuperseded() {
        List<Retirement.Candidate> dropped = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getState() != Bundle.UNINSTALLED && jarInWatchedDirectory(b) != null) {
                dropped.add(new Retirement.Candidate(b.getBundleId(), b.getSymbolicName(), b.getVersion(), b.getLocation()));
            }
        }
        for (Retirement.Candidate old : Retirement.superseded(dropped)) {
            Bundle bundle = context.getBundle(old.id());
            Path jar = bundle == null ? null : jarInWatchedDirectory(bundle);
            if (jar == null || !Files.exists(jar)) {
                continue;
            }
            try {
                Path parking = Files.createDirectories(watched.resolve(SUPERSEDED));
                Files.move(jar, parking.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                LOG.info("{} {} is superseded by a newer version: moved {} to {}", old.symbolicName(), old.version(),
                        jar.getFileName(), parking);
            } catch (IOException e) {
                LOG.warn("cannot retire superseded {} {} ({}): {}", old.symbolicName(), old.version(), jar, e.toString());
            }
        }
    }

    /** The jar a bundle was installed from, if FileInstall installed it from the watched directory. */
    private Path jarInWatchedDirectory(Bundle bundle) {
        String location = bundle.getLocation();
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            Path path = Path.of(URI.create(location)).toAbsolutePath().normalize();
            return watched.equals(path.getParent()) ? path : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
