package ai.aragora.rating;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.storage.Prediction;
import ai.aragora.api.storage.RatingStore;

/**
 * ELO ratings (start 1500, K = 32) in the general domain and in the debate's own domain (spec
 * metadata {@code domain}), each domain its own pool; calibration from the final-round votes of
 * every decided debate. Ratings and curves are read from the store once per agent, then kept
 * here; every change is written through.
 */
@Component(service = RatingService.class)
public class EloRatings implements RatingService {

    /** Spec metadata key naming the debate's domain. */
    static final String DOMAIN = "domain";
    static final double MIN_WEIGHT = 0.1;
    static final double MAX_WEIGHT = 5.0;

    private static final Logger LOG = LoggerFactory.getLogger(EloRatings.class);

    private final RatingStore store;
    private final Clock clock;
    private final ConcurrentMap<String, ConcurrentMap<String, Rating>> ratings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CalibrationCurve> curves = new ConcurrentHashMap<>();
    /** Serialises debates' updates so that each is computed from the ratings the previous one left. */
    private final Object updates = new Object();

    @Activate
    public EloRatings(@Reference RatingStore store) {
        this(store, Clock.systemUTC());
    }

    EloRatings(RatingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Rating rating(String agent, String domain) {
        String d = normalize(domain);
        return ratings.computeIfAbsent(d, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(agent, a -> store.find(a, d).orElseGet(() -> Rating.initial(a, d)));
    }

    @Override
    public List<Rating> leaderboard(String domain, int limit) {
        return store.top(normalize(domain), limit);
    }

    @Override
    public Calibration calibration(String agent) {
        CalibrationCurve curve = curve(agent);
        synchronized (curve) {
            return curve.snapshot(agent);
        }
    }

    /**
     * Rating over 1500 (a 1800 agent weighs 1.2), times a calibration factor once the agent has
     * enough predictions: 1.5 at a perfect Brier score, 1.0 at a coin flip (0.25), at least 0.25.
     */
    @Override
    public double voteWeight(String agent) {
        double weight = rating(agent, Rating.GENERAL).elo() / Rating.INITIAL_ELO;
        Calibration calibration = calibration(agent);
        if (calibration.isTrusted()) {
            weight *= Math.max(0.25, Math.min(1.5, 1.5 - 2 * calibration.brierScore()));
        }
        return Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, weight));
    }

    @Override
    public double calibratedConfidence(String agent, double stated) {
        CalibrationCurve curve = curve(agent);
        synchronized (curve) {
            return curve.adjust(stated);
        }
    }

    @Override
    public List<RatingChange> history(String agent, int limit) {
        return store.history(agent, limit);
    }

    /** Only decided debates count: cancelled, failed, interrupted or quorum-less ones change nothing. */
    @Override
    public void record(DebateResult result) {
        if (result.status() != DebateStatus.CONSENSUS_REACHED && result.status() != DebateStatus.COMPLETED) {
            return;
        }
        List<String> agents = new ArrayList<>(result.participants().size());
        for (Participant p : result.participants()) {
            // A judge from outside the debate synthesised, it did not compete.
            if (result.spec().agents().contains(p.agent())) {
                agents.add(p.agent());
            }
        }
        if (agents.size() < 2) {
            return;
        }
        String winner = result.winner();
        Instant at = result.completedAt() != null ? result.completedAt() : clock.instant();
        String domain = domain(result.spec());
        List<Rating> updated = new ArrayList<>();
        List<RatingChange> changes = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        // What is not cached yet is read from the store here, not under the lock every debate's update takes.
        for (String agent : agents) {
            rating(agent, Rating.GENERAL);
            rating(agent, domain);
        }
        if (winner != null) {
            for (Vote vote : result.votes()) {
                curve(vote.agent());
            }
        }
        synchronized (updates) {
            update(result.id(), agents, winner, result.consensusReached(), Rating.GENERAL, at, updated, changes);
            if (!domain.equals(Rating.GENERAL)) {
                update(result.id(), agents, winner, result.consensusReached(), domain, at, updated, changes);
            }
            if (winner != null) {
                for (Vote vote : result.votes()) {
                    if (vote.round() == result.roundsUsed()) {
                        boolean correct = vote.choice().equals(winner);
                        predictions.add(new Prediction(vote.agent(), result.id(), vote.confidence(), correct, at));
                        CalibrationCurve curve = curve(vote.agent());
                        synchronized (curve) {
                            curve.add(vote.confidence(), correct);
                        }
                    }
                }
            }
            store.recordMatch(result.id(), updated, changes, predictions).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("ratings of debate {} were not stored: {}", result.id(), failure.toString());
                }
            });
        }
    }

    private void update(String debateId, List<String> agents, String winner, boolean reached, String domain, Instant at,
            List<Rating> updated, List<RatingChange> changes) {
        int n = agents.size();
        Rating[] before = new Rating[n];
        double[] elo = new double[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            before[i] = rating(agents.get(i), domain);
            elo[i] = before[i].elo();
            scores[i] = Elo.score(agents.get(i).equals(winner), reached);
        }
        double[] delta = Elo.changes(elo, scores);
        ConcurrentMap<String, Rating> pool = ratings.computeIfAbsent(domain, k -> new ConcurrentHashMap<>());
        for (int i = 0; i < n; i++) {
            Rating r = before[i];
            boolean won = winner != null && winner.equals(r.agent());
            boolean drew = winner == null;
            Rating after = new Rating(r.agent(), domain, r.elo() + delta[i], r.wins() + (won ? 1 : 0),
                    r.losses() + (!won && !drew ? 1 : 0), r.draws() + (drew ? 1 : 0), r.games() + 1);
            pool.put(r.agent(), after);
            updated.add(after);
            changes.add(new RatingChange(r.agent(), domain, debateId, r.elo(), after.elo(), at));
        }
    }

    private CalibrationCurve curve(String agent) {
        return curves.computeIfAbsent(agent, a -> {
            CalibrationCurve curve = new CalibrationCurve();
            for (Prediction p : store.predictions(a)) {
                curve.add(p.confidence(), p.correct());
            }
            return curve;
        });
    }

    static String domain(DebateSpec spec) {
        return normalize(spec.metadata().get(DOMAIN));
    }

    private static String normalize(String domain) {
        return domain == null || domain.isBlank() ? Rating.GENERAL : domain.trim().toLowerCase(Locale.ROOT);
    }
}
