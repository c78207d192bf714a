package ai.aragora.knowledge.adapter.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.storage.jdbc.MapDebateSchedules;

class PulseSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    /** An engine that accepts every spec it is given, or fails as {@code failure} says. */
    private static final class Engine implements DebateService {
        final List<DebateSpec> started = new ArrayList<>();
        RuntimeException failure;

        @Override
        public DebateHandle start(DebateSpec spec) {
            if (failure != null) {
                throw failure;
            }
            started.add(spec);
            String id = "deb-" + started.size();
            return new DebateHandle() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public DebateSpec spec() {
                    return spec;
                }

                @Override
                public DebateStatus status() {
                    return DebateStatus.RUNNING;
                }

                @Override
                public CompletionStage<Void> stored() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public CompletionStage<DebateResult> result() {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public Optional<DebateHandle> running(String id) {
            return Optional.empty();
        }

        @Override
        public boolean cancel(String id) {
            return false;
        }

        @Override
        public Collection<DebateHandle> active() {
            return List.of();
        }

        @Override
        public boolean accepts(String agent) {
            return true;
        }
    }

    private static DebateSchedule schedule(String id, String org, Instant next) {
        DebateSpec spec = DebateSpec.builder("Which CDN should we use?").orgId(org).metadata(Map.of("domain", "infrastructure")).build();
        return new DebateSchedule(id, "cdn", spec, Duration.ofHours(24), true, next, null, null, null, 0, "u1", T0);
    }

    @Test
    void aDueScheduleStartsItsDebateWithItsTopicOnceAndAgainAnIntervalLater() {
        MapDebateSchedules schedules = new MapDebateSchedules();
        Engine engine = new Engine();
        schedules.create(schedule("ps-1", "acme", T0));
        schedules.create(schedule("ps-2", "acme", T0.plus(Duration.ofHours(2))));
        PulseScheduler scheduler = new PulseScheduler(schedules, engine);

        assertThat(scheduler.runDue(T0)).isEqualTo(1);
        assertThat(scheduler.runDue(T0.plusSeconds(30))).isZero();
        assertThat(engine.started).singleElement().satisfies(spec -> {
            assertThat(spec.task()).isEqualTo("Which CDN should we use?");
            assertThat(spec.orgId()).isEqualTo("acme");
            assertThat(spec.metadata()).containsEntry("topics", "cdn").containsEntry("pulse_schedule", "ps-1")
                    .containsEntry("domain", "infrastructure");
        });
        DebateSchedule ran = schedules.find("acme", "ps-1").orElseThrow();
        assertThat(ran.runs()).isEqualTo(1);
        assertThat(ran.lastDebateId()).isEqualTo("deb-1");
        assertThat(ran.nextRun()).isEqualTo(T0.plus(Duration.ofHours(24)));

        assertThat(scheduler.runDue(T0.plus(Duration.ofHours(24)))).isEqualTo(2);
        assertThat(schedules.find("acme", "ps-1").orElseThrow().runs()).isEqualTo(2);
    }

    @Test
    void anEngineThatCannotTakeTheDebateNowIsTriedAMinuteLaterOneThatRefusesItWaitsForTheNextInterval() {
        MapDebateSchedules schedules = new MapDebateSchedules();
        Engine engine = new Engine();
        schedules.create(schedule("ps-1", "acme", T0));
        PulseScheduler scheduler = new PulseScheduler(schedules, engine);

        engine.failure = new IllegalStateException("the server is draining");
        assertThat(scheduler.runDue(T0)).isZero();
        DebateSchedule retried = schedules.find("acme", "ps-1").orElseThrow();
        assertThat(retried.nextRun()).isEqualTo(T0.plus(PulseScheduler.RETRY));
        assertThat(retried.lastError()).contains("the server is draining");
        assertThat(retried.runs()).isZero();

        engine.failure = new IllegalArgumentException("unknown agent: gpt-9");
        assertThat(scheduler.runDue(T0.plus(PulseScheduler.RETRY))).isZero();
        DebateSchedule refused = schedules.find("acme", "ps-1").orElseThrow();
        assertThat(refused.lastError()).isEqualTo("refused: unknown agent: gpt-9");
        assertThat(refused.nextRun()).isEqualTo(T0.plus(PulseScheduler.RETRY).plus(Duration.ofHours(24)));

        engine.failure = null;
        assertThat(scheduler.runDue(refused.nextRun())).isEqualTo(1);
        assertThat(schedules.find("acme", "ps-1").orElseThrow().lastError()).isNull();
    }

    @Test
    void withoutAnEngineNothingIsClaimed() {
        MapDebateSchedules schedules = new MapDebateSchedules();
        schedules.create(schedule("ps-1", "acme", T0));

        assertThat(new PulseScheduler(schedules, null).runDue(T0)).isZero();
        assertThat(schedules.find("acme", "ps-1").orElseThrow().nextRun()).isEqualTo(T0);
    }
}
