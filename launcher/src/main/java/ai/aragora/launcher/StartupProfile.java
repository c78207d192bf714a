package ai.aragora.launcher;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Where a start spends its time, at DEBUG: every bundle start and service registration is
 * stamped with the thread it happened on, and the CPU time that thread used since its
 * previous stamp (since it began, for its first) is charged to the stamp. Bundle starts on
 * the start-level thread thus carry their activator and the components activated with them;
 * a registration carries the component work that led to it (e.g. a DS component that waited
 * for a reference). CPU time rather than wall time: a loaded machine does not blur it.
 */
final class StartupProfile implements SynchronousBundleListener, ServiceListener {

    private static final int SHOWN = 25;

    private record Stamp(long atMillis, long chargedMillis, String thread, String what) {
    }

    private final long startNanos = System.nanoTime();
    private final long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuByThread = new HashMap<>();
    private final List<Stamp> stamps = new ArrayList<>();
    private final Map<String, Long> chargedByBundle = new HashMap<>();

    /** Starts recording on the framework's context (before any bundle is installed). */
    static StartupProfile attach(BundleContext context) {
        StartupProfile profile = new StartupProfile();
        context.addBundleListener(profile);
        context.addServiceListener(profile);
        return profile;
    }

    void detach(BundleContext context) {
        context.removeBundleListener(this);
        context.removeServiceListener(this);
    }

    /** Marks a launcher step (install, configure, start levels) on the calling thread. */
    void mark(String step) {
        stamp(step, "launcher");
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String name = event.getBundle().getSymbolicName();
        switch (event.getType()) {
            case BundleEvent.STARTING -> stamp("starting " + name, name);
            case BundleEvent.STARTED -> stamp("started " + name, name);
            case BundleEvent.RESOLVED -> stamp("resolved " + name, "resolver");
            default -> {
                // installs are charged to the launcher's install step
            }
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            Object classes = event.getServiceReference().getProperty(Constants.OBJECTCLASS);
            String service = classes instanceof String[] names ? String.join(",", names) : String.valueOf(classes);
            String bundle = event.getServiceReference().getBundle().getSymbolicName();
            stamp("registered " + service + " by " + bundle, bundle);
        }
    }

    private synchronized void stamp(String what, String chargedTo) {
        long now = (System.nanoTime() - startNanos) / 1_000_000;
        long cpu = threads.getCurrentThreadCpuTime();
        Long previous = cpuByThread.put(Thread.currentThread().getId(), cpu);
        long charged = (cpu - (previous == null ? 0 : previous)) / 1_000_000;
        stamps.add(new Stamp(now, charged, Thread.currentThread().getName(), what));
        chargedByBundle.merge(chargedTo, charged, Long::sum);
    }

    /** The profile as log lines: the costliest steps, then the costliest bundles. */
    synchronized List<String> report() {
        List<String> lines = new ArrayList<>();
        long total = stamps.isEmpty() ? 0 : stamps.get(stamps.size() - 1).atMillis();
        lines.add("startup profile: framework up " + uptimeAtStart + " ms after the JVM started, then "
                + total + " ms to the last event (" + stamps.size() + " events)");
        lines.add("startup profile: costliest steps (CPU ms of the thread since its previous event)");
        stamps.stream().sorted(Comparator.comparingLong(Stamp::chargedMillis).reversed()).limit(SHOWN)
                .forEach(s -> lines.add(String.format("  %6d ms  at %6d ms  [%s] %s", s.chargedMillis(),
                        s.atMillis(), s.thread(), s.what())));
        lines.add("startup profile: costliest bundles (CPU ms, sum of their steps)");
        chargedByBundle.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(SHOWN)
                .forEach(e -> lines.add(String.format("  %6d ms  %s", e.getValue(), e.getKey())));
        return lines;
    }
}
