package ai.aragora.debate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptExport;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.api.storage.Page;

/** Ratings and receipts that remember what the engine gave them. */
final class FakeServices {

    private FakeServices() {
    }

    static final class Ratings implements RatingService {
        final List<DebateResult> recorded = new CopyOnWriteArrayList<>();
        final Map<String, Double> weights = new HashMap<>();
        final Map<String, Double> calibration = new HashMap<>();
        /** Each agent's calibration curve; recording a debate adds one prediction per participant. */
        final Map<String, Calibration> curves = new ConcurrentHashMap<>();

        @Override
        public Rating rating(String agent, String domain) {
            return Rating.initial(agent, domain);
        }

        @Override
        public List<Rating> leaderboard(String domain, int limit) {
            return List.of();
        }

        @Override
        public Calibration calibration(String agent) {
            return curves.getOrDefault(agent, new Calibration(agent, 0, 0, 0));
        }

        @Override
        public double voteWeight(String agent) {
            return weights.getOrDefault(agent, 1.0);
        }

        @Override
        public double calibratedConfidence(String agent, double stated) {
            return calibration.getOrDefault(agent, stated);
        }

        @Override
        public List<RatingChange> history(String agent, int limit) {
            return List.of();
        }

        @Override
        public void record(DebateResult result) {
            recorded.add(result);
            for (Participant p : result.participants()) {
                curves.computeIfPresent(p.agent(), (agent, c) ->
                        new Calibration(agent, c.predictions() + 1, c.brierScore(), c.expectedCalibrationError()));
            }
        }
    }

    static final class Receipts implements ReceiptService {
        final List<DecisionRecord> issued = new CopyOnWriteArrayList<>();
        volatile boolean broken;

        @Override
        public Receipt issue(DecisionRecord decision) {
            if (broken) {
                throw new IllegalArgumentException("schema violation");
            }
            issued.add(decision);
            return new Receipt("rcpt-" + issued.size(), decision.debateId(), OdrVersion.V0_2,
                    Instant.parse("2026-11-22T10:00:00Z"), "digest", "ed25519-0000000000000000", "{}", Optional.empty());
        }

        @Override
        public Receipt issue(DecisionRecord decision, OdrVersion version) {
            return issue(decision);
        }

        @Override
        public Optional<Receipt> find(String receiptId) {
            return Optional.empty();
        }

        @Override
        public List<Receipt> list(int offset, int limit) {
            return List.of();
        }

        @Override
        public Page<Receipt> list(String orgId, Function<String, Optional<String>> orgOf, int offset, int limit) {
            return new Page<>(List.of(), 0, offset, limit);
        }

        @Override
        public long count() {
            return issued.size();
        }

        @Override
        public ReceiptExport export(String receiptId, ExportFormat format) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VerificationReport verify(String receiptId) {
            throw new UnsupportedOperationException();
        }
    }
}
