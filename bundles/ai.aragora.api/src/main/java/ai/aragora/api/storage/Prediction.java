package ai.aragora.api.storage;

import java.time.Instant;

/** One vote confidence and whether the vote picked the debate's winner: calibration's raw data. */
public record Prediction(String agent, String debateId, double confidence, boolean correct, Instant at) {

    public Prediction {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
    }
}
