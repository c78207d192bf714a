package ai.aragora.api.debate;

/**
 * An agent that took part, with the model that actually answered (after any fallback), which
 * may differ from the one its provider asks for.
 */
public record Participant(String agent, String provider, String model, String modelFamily, String version) {
}
