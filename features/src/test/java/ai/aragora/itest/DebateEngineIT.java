package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.ReceiptLog;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.api.receipt.SigningKeys;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.itest.support.TestBundles;
import ai.aragora.launcher.spi.Command;

/**
 * The engine inside the framework with the in-memory store and the demo agents: an agent bundle
 * replaced or removed while debates run, and the debate command's output.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DebateEngineIT extends AragoraTestSupport {

    private static final String SLOW = "ai.aragora.itest.slowagent";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    private DebateService debates;

    @Inject
    private DebateStore store;

    @Inject
    private ReceiptService receipts;

    @Inject
    private ReceiptVerifier verifier;

    @Inject
    private SigningKeys keys;

    @Override
    protected List<String> features() {
        return List.of("core", "memory", "demo");
    }

    @Configuration
    @Override
    public Option[] configuration() throws Exception {
        Option[] options = super.configuration();
        Path jars = Distribution.home().getParent().resolve("test-bundles");
        TestBundles.build(SLOW, "1.0.0", SLOW, Map.of(), jars.resolve("slow-agent-1.0.0.jar"));
        TestBundles.build(SLOW, "2.0.0", SLOW, Map.of(), jars.resolve("slow-agent-2.0.0.jar"));
        return options;
    }

    private static Path testJar(String name) {
        return Distribution.home().getParent().resolve("test-bundles").resolve(name);
    }

    @After
    public void removeTheSlowAgent() throws Exception {
        for (Bundle b : context.getBundles()) {
            if (SLOW.equals(b.getSymbolicName())) {
                b.uninstall();
            }
        }
    }

    private Bundle installSlowAgent() throws Exception {
        Bundle bundle = context.installBundle(testJar("slow-agent-1.0.0.jar").toUri().toString());
        bundle.start();
        await("the slow agent to register", WAIT, () -> agentRegistered("slow-agent"));
        return bundle;
    }

    private boolean agentRegistered(String name) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(ai.aragora.api.agent.Agent.class.getName(),
                    "(" + ai.aragora.api.agent.Agent.NAME + "=" + name + ")");
            return refs != null && refs.length > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private List<DebateHandle> startDebates(int n) {
        List<DebateHandle> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(debates.start(DebateSpec.builder("Should we adopt exponential backoff with jitter?")
                    .agents(List.of("slow-agent", "demo-supportive", "demo-critical")).rounds(3).minRounds(3).seed(i).build()));
        }
        return handles;
    }

    private static List<DebateResult> results(Collection<DebateHandle> handles) throws Exception {
        List<DebateResult> results = new ArrayList<>();
        for (DebateHandle h : handles) {
            results.add(h.result().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    public void updatingAnAgentBundleMidDebateLetsEveryDebateFinishWithItsSuccessor() throws Exception {
        Bundle bundle = installSlowAgent();
        List<DebateHandle> running = startDebates(20);
        await("the debates to reach their second round", WAIT, () -> running.stream().allMatch(h ->
                store.messages(h.id(), 0, 100).items().stream().anyMatch(m -> m.round() == 2)));
        assertThat(running).allMatch(h -> h.status() == DebateStatus.RUNNING);

        try (InputStream v2 = Files.newInputStream(testJar("slow-agent-2.0.0.jar"))) {
            bundle.update(v2);
        }
        List<DebateResult> results = results(running);

        assertThat(bundle.getVersion().toString()).isEqualTo("2.0.0");
        for (DebateResult r : results) {
            assertThat(r.status()).as(r.id()).isIn(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED);
            assertThat(r.roundsUsed()).isEqualTo(3);
            assertThat(r.failures()).as("no agent dropped out").noneMatch(f -> f.kind() == AgentException.Kind.GONE);
            Participant slow = r.participants().stream().filter(p -> p.agent().equals("slow-agent")).findFirst().orElseThrow();
            assertThat(slow.version()).isEqualTo("2.0.0");
            assertThat(slow.model()).isEqualTo("slow-model-2.0.0");
            List<String> slowSaid = r.messages().stream().filter(m -> "slow-agent".equals(m.agent()))
                    .map(Message::content).toList();
            assertThat(slowSaid).anyMatch(c -> c.contains("1.0.0")).anyMatch(c -> c.contains("2.0.0"));
            assertThat(store.find(r.id()).orElseThrow().status()).isEqualTo(r.status());
        }
    }

    @Test
    public void removingAnAgentBundleMidDebateDropsTheAgentAndTheDebatesStillFinish() throws Exception {
        Bundle bundle = installSlowAgent();
        List<DebateHandle> running = startDebates(5);
        await("the debates to start", WAIT, () -> running.stream().allMatch(h -> store.messages(h.id(), 0, 1).total() > 0));
        bundle.uninstall();

        for (DebateResult r : results(running)) {
            assertThat(r.status()).isIn(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED,
                    DebateStatus.INSUFFICIENT_PARTICIPATION);
            assertThat(r.failures()).extracting(AgentFailure::agent).containsOnly("slow-agent");
            assertThat(r.failures()).extracting(AgentFailure::kind).contains(AgentException.Kind.GONE);
        }
    }

    @Test
    public void theTricksterCatchesTheHollowDemoAgent() throws Exception {
        DebateResult r = debates.start(DebateSpec.builder("Should we rewrite the billing service?")
                .agents(List.of("demo-supportive", "demo-critical", "demo-hollow")).build())
                .result().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.tricksterInterventions()).isPositive();
        assertThat(r.messages()).anyMatch(m -> m.role().equals("trickster") && m.content().contains("demo-hollow"));
        assertThat(r.receiptId()).as("a signed receipt").startsWith("rcpt-");
    }

    /** The first demo debate whose final vote split: its receipt states the dissent's findings and cruxes, and verifies. */
    @Test
    public void aDemoDebateWithDissentGetsAReceiptWithFindingsAndCruxes() throws Exception {
        DebateResult split = null;
        for (long seed = 0; seed < 20 && split == null; seed++) {
            DebateResult r = debates.start(DebateSpec.builder("Should we adopt exponential backoff with jitter?").seed(seed).build())
                    .result().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            split = r.consensus().dissentingAgents().isEmpty() ? null : r;
        }
        assertThat(split).as("a seed below 20 whose final vote split").isNotNull();
        // the stored document is canonical JSON: members sorted, no white space
        String document = receipts.find(split.receiptId()).orElseThrow().document();
        String dissenter = split.consensus().dissentingAgents().get(0);
        assertThat(document).containsPattern("\"findings\":\\[\\{\"blocking\":(true|false),\"issuer\":\"demo-[a-z]+\",\"severity\":\"P[0-3]\"")
                .containsPattern("\"severity_max\":\"P[0-3]\"")
                .containsPattern("\"cruxes\":\\{\"items\":\\[\\{\"alternative\":\"demo-[a-z]+\",\"alternative_by\":\\[[^\\]]*\"" + dissenter + "\"")
                .contains("\"decided\":\"" + split.winner() + "\"");
        String markdown = receipts.export(split.receiptId(), ExportFormat.MD).body();
        assertThat(markdown).contains("### Findings", "## Cruxes", split.winner() + "'s proposal (backed by ");

        List<String> pems = keys.published().stream().map(PublicSigningKey::publicKeyPem).toList();
        VerificationReport report = verifier.verify(document, pems, Optional.empty());
        assertThat(report.checks()).as(report.checks().toString()).allMatch(c -> c.status() != VerificationReport.Status.FAIL);
        assertThat(report.verified()).isTrue();

        Path dir = Files.createTempDirectory("receipt-evidence");
        Path receipt = Files.writeString(dir.resolve("receipt.odr.json"), document);
        Path pem = Files.writeString(dir.resolve("key.pem"), pems.get(0));
        Run verify = run(command("receipt"), "verify", receipt.toString(), "--pubkey", pem.toString());
        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("[PASS] schema_conformance", "[PASS] dissent_consistency", "=> VERIFIED");
    }

    /** Without a storage bundle's receipt store the newest receipts are kept whole; an older one keeps its place in the log. */
    @Test
    public void inMemoryReceiptsAreBoundedAndAnOlderOneStillHasItsProof() throws Exception {
        org.osgi.service.cm.Configuration config = context.getService(context.getServiceReference(ConfigurationAdmin.class))
                .getConfiguration("ai.aragora.receipts", "?");
        Dictionary<String, Object> before = config.getProperties();
        Hashtable<String, Object> bounded = new Hashtable<>();
        if (before != null) {
            Collections.list(before.keys()).forEach(k -> bounded.put(k, before.get(k)));
        }
        bounded.put("memory.max.receipts", 2);
        Object ledger = receiptsServiceId();
        config.update(bounded);
        try {
            // the ledger starts again with its new configuration
            await("the receipt ledger to restart", WAIT, () -> restarted(ledger));
            ReceiptService bound = context.getService(context.getServiceReference(ReceiptService.class));
            ReceiptLog chain = context.getService(context.getServiceReference(ReceiptLog.class));
            List<String> issued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                issued.add(debates.start(DebateSpec.builder("Should we cache the pricing table?").rounds(1).seed(i).build())
                        .result().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).receiptId());
            }
            assertThat(bound.count()).isEqualTo(2);
            assertThat(bound.find(issued.get(0))).as("dropped beyond the bound").isEmpty();
            assertThat(chain.entry(issued.get(0))).as("its chain entry stays").isPresent();
            assertThat(chain.inclusionProof(issued.get(0))).as("and its place in the Merkle log").isPresent();
            assertThat(bound.find(issued.get(2))).isPresent();
            assertThat(bound.verify(issued.get(2)).verified()).isTrue();
        } finally {
            Object boundLedger = receiptsServiceId();
            config.update(before == null ? new Hashtable<>() : before);
            await("the receipt ledger to restart", WAIT, () -> restarted(boundLedger));
        }
    }

    private Object receiptsServiceId() {
        ServiceReference<ReceiptService> ref = context.getServiceReference(ReceiptService.class);
        return ref == null ? null : ref.getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }

    private boolean restarted(Object before) {
        Object now = receiptsServiceId();
        return now != null && !now.equals(before);
    }

    private Command command(String name) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(Command.class.getName(), "(" + Command.NAME + "=" + name + ")");
        assertThat(refs).isNotNull();
        return (Command) context.getService(refs[0]);
    }

    /** Output and exit code of one run of a command. */
    private record Run(int status, String out, String err) {
    }

    private static Run run(Command command, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = command.run(List.of(args), o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The JSON without what differs between two runs of one debate: ids, clocks, the receipt. */
    private static String comparable(String json) {
        return json.lines().filter(l -> !l.matches("\\s*\"(id|debate_id|receipt_id|timestamp|created_at|completed_at|duration_seconds)\" :.*"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    public void theDebateCommandIsDeterministicForOneSeed() throws Exception {
        Command debate = command("debate");
        Run first = run(debate, "Should we adopt exponential backoff with jitter?", "--json", "--seed", "42", "--quiet");
        Run second = run(debate, "Should we adopt exponential backoff with jitter?", "--json", "--seed", "42", "--quiet");
        Run other = run(debate, "Should we adopt exponential backoff with jitter?", "--json", "--seed", "43", "--quiet");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"debate_id\"", "\"final_answer\"", "\"consensus\"", "\"baseline_vote\"",
                "\"messages\"", "\"receipt_id\" : \"rcpt-");
        assertThat(comparable(second.out())).isEqualTo(comparable(first.out()));
        assertThat(second.out()).isNotEqualTo(first.out());
        assertThat(comparable(other.out())).isNotEqualTo(comparable(first.out()));
    }

    @Test
    public void theDebateCommandShowsProgressAndRejectsBadFlagsInOneLine() throws Exception {
        Command debate = command("debate");
        Run shown = run(debate, "Ship the retry change?", "--rounds", "1");
        assertThat(shown.status()).isZero();
        assertThat(shown.err()).contains("round 1", "demo-critical proposes:", "votes", "critiques");
        assertThat(shown.out()).startsWith("Debate deb-").contains("Final answer:");

        Run bad = run(debate, "Ship it?", "--rounds", "20");
        assertThat(bad.status()).isEqualTo(Command.USAGE);
        assertThat(bad.err().lines()).singleElement().asString().startsWith("aragora debate: --rounds: expected a number from 1 to 12");
        Run unknown = run(debate, "Ship it?", "--agents", "demo-critical,nobody");
        assertThat(unknown.status()).isEqualTo(Command.USAGE);
        assertThat(unknown.err().lines()).singleElement().asString().contains("unknown agent: nobody");
        assertThat(bad.out()).isEmpty();
    }
}
