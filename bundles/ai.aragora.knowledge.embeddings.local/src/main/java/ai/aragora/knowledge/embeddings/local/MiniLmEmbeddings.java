package ai.aragora.knowledge.embeddings.local;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.knowledge.EmbeddingProvider;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * all-MiniLM-L6-v2 on ONNX Runtime, in this process: the model and its tokenizer are resources of
 * this bundle and load from its class path; texts longer than the model's 256 word pieces are
 * embedded by their beginning.
 */
@Component(service = EmbeddingProvider.class)
public class MiniLmEmbeddings implements EmbeddingProvider {

    static final String MODEL = "all-minilm-l6-v2";
    static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2EmbeddingModel model;

    @Activate
    public MiniLmEmbeddings() {
        NativeLibraries.keepInTheTempDir();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The tokenizer finds its native library through the context class loader: this bundle's.
        thread.setContextClassLoader(MiniLmEmbeddings.class.getClassLoader());
        try {
            this.model = new AllMiniLmL6V2EmbeddingModel();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

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
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t.isBlank() ? "(empty)" : t));
        }
        try {
            List<Embedding> embeddings = model.embedAll(segments).content();
            List<float[]> out = new ArrayList<>(embeddings.size());
            embeddings.forEach(e -> out.add(e.vector()));
            return out;
        } catch (RuntimeException e) {
            throw new EmbeddingException(MODEL + " could not embed " + texts.size() + " texts: " + e.getMessage(), e);
        }
    }
}
