package ai.aragora.debate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ai.aragora.launcher.spi.UsageException;

/**
 * A benchmark shared by several processes, one per instance on one database: their timed runs
 * start at one moment ({@code --start-at}, after each one's warm-up), each writes every debate's
 * time ({@code --times FILE}), and {@code --merge} reports the files as one run with the same
 * figures (throughput over the longest run, percentiles and overhead over every debate).
 */
final class SharedRuns {

    private static final String PLAN = "# plan ";
    private static final String ELAPSED = "# elapsed_ns ";
    private static final String STATUS = "# status ";

    private SharedRuns() {
    }

    /** Waits for the agreed moment; a process whose warm-up outlasted it says by how much. */
    static void awaitStart(long atEpochMillis, PrintStream err) throws InterruptedException {
        long wait = atEpochMillis - System.currentTimeMillis();
        if (wait < 0) {
            err.println("benchmark: the timed run starts " + -wait + " ms after --start-at (the warm-up took longer)");
        } else {
            err.println("benchmark: the timed run starts in " + wait + " ms (--start-at)");
            Thread.sleep(wait);
        }
    }

    /** One line per debate (its time in ns and its sequential agent turns), after the plan, the run's length and statuses. */
    static void write(Path file, List<String> args, BenchmarkCommand.Run run) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(PLAN).append(String.join("\t", args)).append('\n');
        b.append(ELAPSED).append(run.elapsedNanos).append('\n');
        run.statuses.forEach((status, count) -> b.append(STATUS).append(status).append(' ').append(count).append('\n'));
        for (int i = 0; i < run.nanos.length; i++) {
            b.append(run.nanos[i]).append(' ').append(run.phases[i]).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    /** The runs written to {@code files} as one: debates and concurrency summed, the plan otherwise the first file's. */
    static void report(List<Path> files, PrintStream out) throws IOException, UsageException {
        BenchmarkCommand.Plan first = null;
        int debates = 0;
        int concurrent = 0;
        List<long[]> times = new ArrayList<>();
        BenchmarkCommand.Run run = new BenchmarkCommand.Run();
        Map<String, Integer> statuses = new TreeMap<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).startsWith(PLAN)) {
                throw new UsageException("--merge: " + file + " is not a file written by --times");
            }
            String plan = lines.get(0).substring(PLAN.length()).strip();
            BenchmarkCommand.Plan p = BenchmarkCommand.plan(plan.isEmpty() ? List.of() : Arrays.asList(plan.split("\t")));
            first = first == null ? p : first;
            debates += p.debates();
            concurrent += p.concurrent();
            for (String line : lines.subList(1, lines.size())) {
                if (line.startsWith(ELAPSED)) {
                    run.elapsedNanos = Math.max(run.elapsedNanos, Long.parseLong(line.substring(ELAPSED.length()).strip()));
                } else if (line.startsWith(STATUS)) {
                    String[] s = line.substring(STATUS.length()).strip().split(" ");
                    statuses.merge(s[0], Integer.parseInt(s[1]), Integer::sum);
                } else if (!line.isBlank()) {
                    String[] t = line.strip().split(" ");
                    times.add(new long[] {Long.parseLong(t[0]), Long.parseLong(t[1])});
                }
            }
        }
        if (first == null) {
            throw new UsageException("--merge: name the files written by --times");
        }
        run.nanos = times.stream().mapToLong(t -> t[0]).toArray();
        run.phases = times.stream().mapToInt(t -> (int) t[1]).toArray();
        run.statuses = statuses;
        run.failed = statuses.getOrDefault("failed", 0);
        BenchmarkCommand.Plan merged = new BenchmarkCommand.Plan(debates, concurrent, first.rounds(), first.minRounds(),
                first.latencyMillis(), first.agents(), first.consensus(), 0, first.receipts(), first.priorKnowledge(), first.retain(), 0, 0, 0, 0, null,
                List.of());
        out.println("runs merged:        " + files.size());
        BenchmarkCommand.report(merged, run, Double.NaN, out);
    }
}
