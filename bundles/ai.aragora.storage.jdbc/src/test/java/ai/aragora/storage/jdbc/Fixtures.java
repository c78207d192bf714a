package ai.aragora.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.BaselineVote;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.ConsensusOutcome;
import ai.aragora.api.debate.Convergence;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.debate.Verdict;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.storage.DebateRecord;

/** Sample records with every field set, timestamps with nanoseconds, text with quotes and non-ASCII. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-11-22T10:15:30.123456789Z");

    private Fixtures() {
    }

    public static DebateSpec spec(String org) {
        return DebateSpec.builder("Should we ship the \"retry\" change? — décision").context("ctx").rounds(3).minRounds(2)
                .consensus(ConsensusMode.WEIGHTED).threshold(0.7).seed(42).agentTimeout(Duration.ofSeconds(90))
                .orgId(org).metadata(Map.of("ticket", "ARA-1")).build();
    }

    public static DebateRecord debate(String id, String org, Instant at) {
        return new DebateRecord(id, spec(org), "user-1", DebateStatus.CREATED, 0, false, at, at);
    }

    public static Message message(int index, String agent, Instant at) {
        return new Message(index, "proposer", agent, "proposal " + index + " from " + agent + " ✓", 1, at.plusNanos(index));
    }

    public static DebateEvent event(String debateId, long seq, Instant at) {
        return new DebateEvent(debateId, seq, EventType.AGENT_MESSAGE, at.plusNanos(seq), 1, "demo-critical",
                Map.of("text", "said \"so\"", "final", true, "tags", List.of("a", "b")));
    }

    public static DebateResult result(String id, String org, Instant at) {
        DebateSpec spec = spec(org);
        Usage usage = new Usage(120, 80, 0.0012, "demo-1");
        List<Message> messages = List.of(message(0, "demo-supportive", at), message(1, "demo-critical", at));
        List<Critique> critiques = List.of(new Critique("demo-critical", "demo-supportive", 1, List.of("no backoff cap"),
                List.of("cap at 30 s"), 6.5, "unbounded", usage));
        List<Vote> votes = List.of(new Vote("demo-critical", "demo-supportive", 1, 0.8, "after the cap", false, usage),
                new Vote("demo-supportive", "demo-supportive", 1, 0.9, "mine", false, Usage.NONE));
        return new DebateResult(id, spec, DebateStatus.CONSENSUS_REACHED, "Ship with a 30 s cap.",
                new ConsensusOutcome(true, 0.85, List.of("demo-supportive", "demo-critical"), List.of(), ConsensusMode.WEIGHTED, "demo-supportive"),
                Verdict.APPROVED_WITH_CONDITIONS, 2, 12.5,
                List.of(new Participant("demo-supportive", "demo", "demo-1", "demo", "1.0.0"),
                        new Participant("demo-critical", "demo", "demo-1", "demo", "1.0.0")),
                "demo-supportive", List.of("cap first"), messages, critiques, votes,
                new BaselineVote("demo-supportive", 0.5, votes), Convergence.CONVERGED, 1,
                List.of(new AgentFailure("demo-balanced", 1, "propose", AgentException.Kind.TIMEOUT, "timed out after 90 s")),
                new UsageTotals(240, 160, 0.0024, List.of(new AgentUsage("demo-critical", "demo-1", 1, 120, 80, 0.0012),
                        new AgentUsage("demo-supportive", "demo-1", 1, 120, 80, 0.0012))), at, at.plusSeconds(12), null);
    }

    public static Receipt receipt(String id, String debateId, Instant issuedAt) {
        return new Receipt(id, debateId, OdrVersion.V0_2, issuedAt, "d".repeat(64), "ed25519-0123456789abcdef",
                "{\"receipt_id\":\"" + id + "\",\"signatures\":[]}", Optional.of("{\"debate_id\":\"" + debateId + "\"}"));
    }

    /**
     * The chain entry the receipts bundle computes: SHA-256 of the RFC 8785 canonical JSON of the
     * five members (fixed sorted order, plain strings here, one integer).
     */
    public static ChainEntry link(Receipt r, long seq, String prev) {
        String canonical = "{\"issued_at\":\"" + r.issuedAt() + "\",\"odr_digest\":\"" + r.odrDigest() + "\",\"prev_hash\":\"" + prev
                + "\",\"receipt_id\":\"" + r.receiptId() + "\",\"seq\":" + seq + "}";
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            return new ChainEntry(seq, r.receiptId(), r.odrDigest(), r.issuedAt().toString(), prev, hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
