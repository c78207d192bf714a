package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every metric an alert rule or a dashboard names is one the server exposes with every feature
 * loaded: no dangling names. With promtool on the PATH (Debian package prometheus, which
 * .ci/run installs) the rules, the scrape configuration and the scrape itself pass its checks.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitoringIT extends AragoraTestSupport {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path RULES = ROOT.resolve("deploy/prometheus/alerts.yml");
    /** Series Prometheus makes itself rather than scraping them. */
    private static final Set<String> SYNTHETIC = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and",
            "or", "unless", "offset", "bool", "inf", "nan");
    private static final Pattern EXPR = Pattern.compile("(?m)^\\s*(?:-\\s*)?expr:\\s*(.+)$");
    private static final Pattern DASHBOARD_EXPR = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "demo", "webconsole", "providers", "storage-tools", "webhooks");
    }

    @Before
    public void up() throws Exception {
        await("/readyz to answer 200", Duration.ofSeconds(30), () -> status("/readyz") == 200);
    }

    @Test
    public void everyMetricOfTheRulesAndDashboardsIsExposed() throws Exception {
        Set<String> exposed = exposedSeries(get("/api/metrics").body());
        Map<String, Set<String>> used = new TreeMap<>();
        used.put(RULES.getFileName().toString(), names(EXPR, Files.readString(RULES)));
        try (var dashboards = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            for (Path d : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                used.put(d.getFileName().toString(), names(DASHBOARD_EXPR, Files.readString(d)));
            }
        }
        assertThat(used).containsKeys("alerts.yml", "api-latency.json", "debate-metrics.json", "agent-performance.json",
                "slo-tracking.json", "security.json", "webhooks.json");
        Map<String, Set<String>> dangling = new TreeMap<>();
        used.forEach((file, names) -> {
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(exposed);
            missing.removeAll(SYNTHETIC);
            if (!missing.isEmpty()) {
                dangling.put(file, missing);
            }
        });
        assertThat(dangling).as("metric names no running server exposes").isEmpty();
        assertThat(used.values().stream().mapToInt(Set::size).sum()).as("names found at all").isGreaterThan(40);
    }

    @Test
    public void promtoolAcceptsTheRulesTheConfigAndTheScrape() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        if (promtool.isEmpty()) {
            System.err.println("MonitoringIT: promtool is not installed (Debian: apt-get install prometheus); its checks did not run");
            return;
        }
        assertThat(run(promtool.get().toString(), "check", "rules", RULES.toString())).contains("SUCCESS");
        assertThat(run(promtool.get().toString(), "check", "config", ROOT.resolve("deploy/prometheus/prometheus.yml").toString()))
                .contains("SUCCESS");
        Path scrape = Files.createTempFile("aragora-scrape", ".txt");
        Files.writeString(scrape, get("/api/metrics").body());
        ProcessBuilder pb = new ProcessBuilder(promtool.get().toString(), "check", "metrics").redirectInput(scrape.toFile())
                .redirectErrorStream(true);
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // Lint remarks about names are advice (the runbook's counters without _total are deliberate); errors are not.
        assertThat(said).doesNotContain("error while linting");
        Files.delete(scrape);
    }

    /** Family names from the TYPE lines, with the sample names a histogram or summary adds. */
    static Set<String> exposedSeries(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = TYPE.matcher(scrape);
        while (m.find()) {
            String name = m.group(1);
            names.add(name);
            if (m.group(2).equals("histogram")) {
                names.addAll(List.of(name + "_bucket", name + "_count", name + "_sum"));
            } else if (m.group(2).equals("summary")) {
                names.addAll(List.of(name + "_count", name + "_sum"));
            }
        }
        return names;
    }

    /** The metric names in the expressions: identifiers that are not functions, keywords, labels or durations. */
    static Set<String> names(Pattern exprs, String text) {
        Set<String> names = new TreeSet<>();
        Matcher e = exprs.matcher(text);
        while (e.find()) {
            String expr = e.group(1).replace("\\\"", "\"")
                    .replaceAll("\\boffset\\s+\\w+", "")
                    .replaceAll("(?<![A-Za-z0-9_:])\\d[\\d.]*(?:[eE][+-]?\\d+)?", "0")
                    .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                    .replaceAll("\\{[^}]*\\}", "")
                    .replaceAll("\\[[^\\]]*\\]", "")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
            Matcher id = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(expr);
            while (id.find()) {
                String token = id.group().trim();
                if (!token.endsWith("(") && !PROMQL_WORDS.contains(token.toLowerCase())) {
                    names.add(token);
                }
            }
        }
        return names;
    }

    private static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
