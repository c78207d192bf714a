package ai.aragora.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.resilience.BreakerListener;
import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.FailureClassifier;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.resilience.RetryPolicy;

/**
 * The breakers of this process, by group and name, and the retry loop. Breakers outlive
 * the callers that use them: an upgraded provider bundle finds its agents' breakers as it
 * left them. A configuration change restarts the service with fresh breakers.
 */
@Component(service = Resilience.class, configurationPid = ResilienceConfig.PID)
@Designate(ocd = ResilienceConfig.class)
public class ResilienceService implements Resilience {

    private static final Logger LOG = LoggerFactory.getLogger(ResilienceService.class);

    private final ConcurrentMap<String, ConcurrentMap<String, CircuitBreaker>> groups = new ConcurrentHashMap<>();
    private final BreakerSettings settings;
    private final RetryPolicy retryPolicy;
    private final Scheduler scheduler;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final DoubleSupplier random;
    private final ScheduledExecutorService executor;
    private final List<BreakerListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public ResilienceService(ResilienceConfig config) {
        this(settings(config), retryPolicy(config), null, Clock.systemUTC(), System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code scheduler} null: the service's own single daemon thread. */
    ResilienceService(BreakerSettings settings, RetryPolicy retryPolicy, Scheduler scheduler, Clock clock,
            LongSupplier nanoTime, DoubleSupplier random) {
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.random = random;
        if (scheduler == null) {
            this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aragora-retries");
                t.setDaemon(true);
                return t;
            });
            this.scheduler = (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            this.executor = null;
            this.scheduler = scheduler;
        }
    }

    @Deactivate
    void deactivate() {
        if (executor != null) {
            // Not shutdownNow: retries already waiting still run (and end their calls) instead of being dropped.
            executor.shutdown();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(BreakerListener listener) {
        listeners.add(listener);
    }

    void removeListener(BreakerListener listener) {
        listeners.remove(listener);
    }

    @Override
    public CircuitBreaker breaker(String group, String name) {
        return breaker(group, name, settings);
    }

    @Override
    public CircuitBreaker breaker(String group, String name, BreakerSettings breakerSettings) {
        return groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, n -> new ConsecutiveFailureBreaker(group, n, breakerSettings, nanoTime, this::opened));
    }

    private void opened(BreakerSnapshot breaker) {
        for (BreakerListener listener : listeners) {
            try {
                listener.onOpened(breaker);
            } catch (RuntimeException e) {
                LOG.warn("a breaker listener failed on {}/{}: {}", breaker.group(), breaker.name(), e.toString());
            }
        }
    }

    @Override
    public List<BreakerSnapshot> breakers(String group) {
        ConcurrentMap<String, CircuitBreaker> breakers = groups.get(group);
        if (breakers == null) {
            return List.of();
        }
        return breakers.values().stream().map(CircuitBreaker::snapshot)
                .sorted(Comparator.comparing(BreakerSnapshot::name)).toList();
    }

    @Override
    public RetryPolicy retryPolicy(String group) {
        return retryPolicy;
    }

    @Override
    public <T> CompletionStage<T> execute(CircuitBreaker breaker, RetryPolicy policy, Instant deadline,
            FailureClassifier classifier, Supplier<? extends CompletionStage<T>> attempt) {
        return new RetryingCall<T>(breaker, policy, deadline, classifier, attempt, scheduler, clock, random).start();
    }

    private static BreakerSettings settings(ResilienceConfig config) {
        return new BreakerSettings(config.failure_threshold(), Duration.ofSeconds(config.cooldown_seconds()));
    }

    private static RetryPolicy retryPolicy(ResilienceConfig config) {
        return new RetryPolicy(config.max_attempts(), Duration.ofMillis(config.initial_delay_millis()),
                Duration.ofMillis(config.max_delay_millis()), config.multiplier(), config.jitter());
    }
}
