package ai.aragora.knowledge.adapter.pulse;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.api.knowledge.DebateSchedules;

/**
 * Starts the debates Pulse has scheduled on a topic when they are due. Each due schedule is
 * claimed by one instance (the store moves its next run on in the same transaction); a debate the
 * engine cannot take now (draining, at capacity, not running) is tried again a minute later, one it
 * refuses (an unknown agent) waits for the next interval with the reason recorded.
 */
@Component(service = PulseScheduler.class, immediate = true)
public class PulseScheduler {

    /** The metadata key that ties a debate to the schedule that started it. */
    static final String SCHEDULE = "pulse_schedule";
    static final Duration TICK = Duration.ofSeconds(30);
    /** Soon after a start: a schedule that fell due while the server was down starts without waiting a whole tick. */
    private static final Duration FIRST_TICK = Duration.ofSeconds(5);
    static final Duration RETRY = Duration.ofMinutes(1);
    private static final int MAX_PER_TICK = 10;
    private static final Logger LOG = LoggerFactory.getLogger(PulseScheduler.class);

    private final DebateSchedules schedules;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aragora-pulse-scheduler");
        t.setDaemon(true);
        return t;
    });
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DebateService engine;

    @Activate
    public PulseScheduler(@Reference DebateSchedules schedules) {
        this.schedules = schedules;
        timer.scheduleWithFixedDelay(this::tick, FIRST_TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For tests: a scheduler that starts debates on {@code engine} only when asked. */
    PulseScheduler(DebateSchedules schedules, DebateService engine) {
        this.schedules = schedules;
        this.engine = engine;
        timer.shutdown();
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void tick() {
        try {
            runDue(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("scheduled debates were not started: {}", e.toString());
        }
    }

    /** Starts what is due at {@code now}; returns how many debates started. Nothing is claimed without an engine. */
    int runDue(Instant now) {
        DebateService current = engine;
        if (current == null) {
            return 0;
        }
        List<DebateSchedule> due = schedules.claimDue(now, MAX_PER_TICK);
        int started = 0;
        for (DebateSchedule s : due) {
            started += start(current, s, now) ? 1 : 0;
        }
        return started;
    }

    private boolean start(DebateService current, DebateSchedule s, Instant now) {
        try {
            DebateHandle handle = current.start(spec(s));
            schedules.ran(s.id(), now, handle.id(), null, null);
            LOG.info("scheduled debate {} started on topic '{}' for org {} (schedule {})", handle.id(), s.topic(), s.orgId(), s.id());
            return true;
        } catch (IllegalArgumentException e) {
            schedules.ran(s.id(), now, null, "refused: " + e.getMessage(), null);
            LOG.warn("schedule {} of org {}: the engine refused its debate: {}", s.id(), s.orgId(), e.getMessage());
        } catch (RuntimeException e) {
            schedules.ran(s.id(), now, null, "not started, tried again at " + now.plus(RETRY) + ": " + e.getMessage(), now.plus(RETRY));
            LOG.warn("schedule {} of org {}: no debate started ({}); trying again in a minute", s.id(), s.orgId(), e.toString());
        }
        return false;
    }

    /** The schedule's debate with its topic and the schedule's id in the metadata. */
    static DebateSpec spec(DebateSchedule s) {
        DebateSpec d = s.spec();
        Map<String, String> metadata = new LinkedHashMap<>(d.metadata());
        metadata.put(PulseAdapter.TOPICS, s.topic());
        metadata.put(SCHEDULE, s.id());
        return new DebateSpec(d.task(), d.context(), d.agents(), d.rounds(), d.minRounds(), d.consensus(), d.threshold(), d.judge(),
                d.seed(), d.agentTimeout(), d.debateTimeout(), d.orgId(), metadata, d.priorKnowledge());
    }
}
