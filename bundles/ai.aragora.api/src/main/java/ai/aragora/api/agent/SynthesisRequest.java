package ai.aragora.api.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Judge mode: synthesise the final answer from the proposals and the critiques they received. */
public record SynthesisRequest(Turn turn, Map<String, String> proposals, List<Critique> critiques) {

    public SynthesisRequest {
        Objects.requireNonNull(turn, "turn");
        proposals = Map.copyOf(proposals);
        critiques = critiques == null ? List.of() : List.copyOf(critiques);
    }
}
