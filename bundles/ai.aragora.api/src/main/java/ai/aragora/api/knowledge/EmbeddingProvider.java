package ai.aragora.api.knowledge;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns text into vectors whose cosine similarity follows meaning. Vectors of different
 * {@link #model()}s are never compared: changing the model needs a re-embedding.
 */
@ConsumerType
public interface EmbeddingProvider {

    /** Names the model and its version, e.g. {@code all-minilm-l6-v2}. */
    String model();

    int dimensions();

    /**
     * One vector per text, in order, each of {@link #dimensions()} values.
     *
     * @throws EmbeddingException when the model or endpoint cannot answer
     */
    List<float[]> embed(List<String> texts);
}
