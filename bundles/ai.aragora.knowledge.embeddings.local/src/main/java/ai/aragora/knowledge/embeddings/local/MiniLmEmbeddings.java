package ai.aragora.knowledge.embeddings.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.knowledge.EmbeddingProvider;
import ai.onnxruntime.OrtException;

/**
 * all-MiniLM-L6-v2, quantised to 8-bit integers, on ONNX Runtime in this process: the model and
 * its tokenizer are resources of this bundle. The int8 model embeds three to five times faster
 * than the float one on this machine's CPUs and ranks the retrieval set as well (decision
 * 0018). It loads on the first texts to embed, not at start: a server that never embeds never
 * pays its memory. Texts longer than the model's 256 word pieces are embedded by their beginning.
 */
// ranked below the default: a provider the operator configured (knowledge-openai) takes precedence
@Component(service = EmbeddingProvider.class, property = "service.ranking:Integer=-100")
public class MiniLmEmbeddings implements EmbeddingProvider {

    static final String MODEL = "all-minilm-l6-v2-q";
    static final int DIMENSIONS = 384;
    static final int MAX_TOKENS = 256;
    /** Both cores when there are two: a text runs in half the time (decision 0018), and the threads sleep between texts. */
    static final int THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());
    private static final String WEIGHTS = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private SentenceEncoder encoder;

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<String> nonBlank = new ArrayList<>(texts.size());
        for (String t : texts) {
            nonBlank.add(t.isBlank() ? "(empty)" : t);
        }
        try {
            return encoder().encode(nonBlank);
        } catch (OrtException | IOException | RuntimeException e) {
            throw new EmbeddingException(MODEL + " could not embed " + texts.size() + " texts: " + e.getMessage(), e);
        }
    }

    private synchronized SentenceEncoder encoder() throws IOException, OrtException {
        if (encoder == null) {
            NativeLibraries.keepInTheTempDir();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // The tokenizer finds its native library through the context class loader: this bundle's.
            thread.setContextClassLoader(MiniLmEmbeddings.class.getClassLoader());
            try (InputStream weights = resource(WEIGHTS); InputStream tokenizer = resource(TOKENIZER)) {
                encoder = new SentenceEncoder(weights.readAllBytes(), tokenizer, MAX_TOKENS, THREADS);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return encoder;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLmEmbeddings.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the bundle");
        }
        return in;
    }

    @Deactivate
    synchronized void deactivate() throws OrtException {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
