package ai.aragora.knowledge.embeddings.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A BERT sentence encoder on ONNX Runtime: word pieces (at most {@code maxTokens}, the
 * beginning of a longer text), the mean of the token vectors under the attention mask, scaled
 * to unit length (what sentence-transformers does for all-MiniLM-L6-v2).
 *
 * <p>The session's threads sleep when idle: ONNX Runtime's default spins a thread per core
 * between runs, which on a busy two-core machine cost the embeddings two thirds of their
 * throughput and the debates their CPU (decision 0018).
 */
final class SentenceEncoder implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    /** A text alone (a search's question) on every thread: it comes back soonest. */
    private final OrtSession whole;
    /** Many texts (a batch of nodes): one text per thread at a time, which keeps every core busy (~12 % more texts a second). */
    private final OrtSession perThread;
    private final ExecutorService helpers;
    private final int threads;
    private final HuggingFaceTokenizer tokenizer;

    SentenceEncoder(byte[] model, InputStream tokenizerJson, int maxTokens, int threads) throws IOException, OrtException {
        this.threads = threads;
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
        OrtSession first = null;
        try {
            first = session(model, threads);
            this.whole = first;
            this.perThread = threads > 1 ? session(model, 1) : first;
        } catch (OrtException | RuntimeException e) {
            if (first != null) {
                first.close();
            }
            tokenizer.close();
            throw e;
        }
        this.helpers = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
            Thread t = new Thread(r, "aragora-km-encode");
            t.setDaemon(true);
            return t;
        });
    }

    private OrtSession session(byte[] model, int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment.createSession(model, options);
        }
    }

    /**
     * One unit vector per text, in order, each from a run of its own: the int8 model quantises
     * its activations per run, so a text batched with others (and their padding) would come out
     * slightly different each time, where alone it gets the model's own vector, always the same.
     */
    List<float[]> encode(List<String> texts) throws OrtException {
        if (texts.size() == 1 || perThread == whole) {
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (String text : texts) {
                vectors.add(encode(whole, text));
            }
            return vectors;
        }
        float[][] vectors = new float[texts.size()][];
        List<Future<?>> others = new ArrayList<>();
        for (int part = 1; part < threads; part++) {
            int first = part;
            others.add(helpers.submit(() -> encodeEvery(texts, first, vectors)));
        }
        encodeEvery(texts, 0, vectors);
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while embedding", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return List.of(vectors);
    }

    /** Texts {@code first}, {@code first + threads}, ... into their places. */
    private Void encodeEvery(List<String> texts, int first, float[][] into) {
        try {
            for (int i = first; i < texts.size(); i += threads) {
                into[i] = encode(perThread, texts.get(i));
            }
            return null;
        } catch (OrtException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private float[] encode(OrtSession session, String text) throws OrtException {
        Encoding encoding = tokenizer.encode(text);
        long[][] ids = {encoding.getIds()};
        long[][] mask = {encoding.getAttentionMask()};
        long[][] types = {encoding.getTypeIds()};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, ids);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, types);
                OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                        "token_type_ids", typeTensor))) {
            return meanUnderMask(((float[][][]) result.get(0).getValue())[0], mask[0]);
        }
    }

    private static float[] meanUnderMask(float[][] tokens, long[] mask) {
        float[] sum = new float[tokens[0].length];
        int counted = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            counted++;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(1, counted);
            norm += sum[d] * sum[d];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < sum.length; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    @Override
    public void close() throws OrtException {
        helpers.shutdownNow();
        try {
            if (perThread != whole) {
                perThread.close();
            }
        } finally {
            try {
                whole.close();
            } finally {
                tokenizer.close();
            }
        }
    }
}
