package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class VectorIndexTest {

    private static final int DIMS = 384;
    private final Random random = new Random(7);

    private float[] randomVector() {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** {@code base} moved by a random vector {@code noise} times its length. */
    private float[] near(float[] base, double noise) {
        float[] v = randomVector();
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) (base[i] + noise * v[i]);
        }
        return v;
    }

    @Test
    void withNoMoreNodesInScopeThanAreRescoredTheRankingIsExact() {
        VectorIndex index = new VectorIndex("m", DIMS);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < VectorIndex.RESCORED; i++) {
            float[] v = randomVector();
            vectors.add(v);
            index.put("n" + i, "org", "ws", v);
        }
        float[] query = randomVector();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            expected.add("n" + i);
        }
        expected.sort(Comparator.comparingDouble((String id) -> -cosine(query, vectors.get(Integer.parseInt(id.substring(1))))));

        List<VectorIndex.Hit> hits = index.nearest(query, "org", null, 25);

        assertThat(hits).extracting(VectorIndex.Hit::nodeId).containsExactlyElementsOf(expected.subList(0, 25));
        assertThat(hits.get(0).similarity()).isCloseTo(cosine(query, vectors.get(Integer.parseInt(expected.get(0).substring(1)))),
                org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void amongManyUnrelatedNodesTheCloseOnesComeFirstInOrder() {
        VectorIndex index = new VectorIndex("m", DIMS);
        float[] query = randomVector();
        for (int i = 0; i < 20_000; i++) {
            index.put("noise" + i, "org", "ws", randomVector());
        }
        // Paraphrase-like neighbours, less similar the later: each must be found, in this order.
        double[] noise = {0.3, 0.6, 0.9, 1.2};
        for (int i = 0; i < noise.length; i++) {
            index.put("close" + i, "org", "ws", near(query, noise[i]));
        }

        List<VectorIndex.Hit> hits = index.nearest(query, "org", null, 4);

        assertThat(hits).extracting(VectorIndex.Hit::nodeId).containsExactly("close0", "close1", "close2", "close3");
    }

    @Test
    void otherOrgsOtherWorkspacesAndRemovedNodesAreNotFound() {
        VectorIndex index = new VectorIndex("m", DIMS);
        float[] query = randomVector();
        index.put("other-org", "org2", "ws", query);
        index.put("other-ws", "org", "ws2", query);
        index.put("removed", "org", "ws", query);
        index.remove("removed");
        index.put("far", "org", "ws", randomVector());

        assertThat(index.nearest(query, "org", "ws", 3)).extracting(VectorIndex.Hit::nodeId).containsExactly("far");
        assertThat(index.nearest(query, "org", null, 3)).extracting(VectorIndex.Hit::nodeId).containsExactly("other-ws", "far");
        assertThat(index.nearest(query, "org", "unknown", 3)).isEmpty();
        assertThat(index.nearest(query, "org3", null, 3)).isEmpty();
    }

    @Test
    void aReplacedVectorIsSearchedByItsNewValue() {
        VectorIndex index = new VectorIndex("m", DIMS);
        float[] query = randomVector();
        index.put("a", "org", "ws", query);
        index.put("b", "org", "ws", near(query, 0.5));
        index.put("a", "org", "ws", randomVector());

        assertThat(index.nearest(query, "org", null, 1)).extracting(VectorIndex.Hit::nodeId).containsExactly("b");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void theBoundedHeapKeepsTheHighestScoresAndTheEarlierSlotOfEqualOnes() {
        VectorIndex.BoundedHeap heap = new VectorIndex.BoundedHeap(3);
        float[] scores = {0.1f, 0.9f, 0.5f, 0.9f, 0.2f, 0.7f, 0.5f};
        String[] ids = new String[scores.length];
        for (int slot = 0; slot < scores.length; slot++) {
            ids[slot] = "s" + slot;
            heap.offer(slot, scores[slot]);
        }

        assertThat(heap.hits(ids)).extracting(VectorIndex.Hit::nodeId).containsExactly("s1", "s3", "s5");

        VectorIndex.BoundedHeap ties = new VectorIndex.BoundedHeap(2);
        for (int slot = 0; slot < 5; slot++) {
            ties.offer(slot, 1f);
        }
        assertThat(ties.hits(ids)).extracting(VectorIndex.Hit::nodeId).containsExactly("s0", "s1");
    }
}
