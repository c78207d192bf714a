package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import org.junit.jupiter.api.Test;

class StartupProfileTest {

    @Test
    void aStepIsChargedTheCpuTimeItsThreadSpentSinceItsPreviousStep() {
        StartupProfile profile = new StartupProfile();
        profile.mark("before");
        profile.mark("idle step");
        burnCpu(60);
        profile.mark("busy step");

        List<String> report = profile.report();
        assertThat(charged(report, "busy step")).isGreaterThanOrEqualTo(50);
        assertThat(charged(report, "idle step")).isLessThan(charged(report, "busy step"));
        assertThat(report).anySatisfy(line -> assertThat(line).matches("\\s+\\d+ ms  launcher"));
    }

    /** The CPU milliseconds the report charges to a step: its lines read {@code <ms> ms  at <ms> ms  [thread] step}. */
    private static long charged(List<String> report, String step) {
        String line = report.stream().filter(l -> l.endsWith("] " + step)).findFirst().orElseThrow();
        return Long.parseLong(line.trim().split(" ")[0]);
    }

    private static void burnCpu(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += System.nanoTime() % 7;
        }
        assertThat(x).isNotNegative();
    }
}
