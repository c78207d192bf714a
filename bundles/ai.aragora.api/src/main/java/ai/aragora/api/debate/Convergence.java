package ai.aragora.api.debate;

/** How much the proposals still change between rounds. */
public enum Convergence {
    CONVERGED, REFINING, DIVERGING;

    public String wire() {
        return WireNames.of(this);
    }
}
