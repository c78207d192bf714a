package ai.aragora.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every embedded node's vector of one model in memory, normalised to unit length in one
 * contiguous array, with a sketch of it: one bit per dimension, its sign. A search compares the
 * question's sketch with every node's (XOR and a population count: 6 words for 384 dimensions,
 * a thirty-second of the floats' memory), keeps the closest 5 % of the nodes (at least
 * {@link #RESCORED}, and ten times the nodes asked for), and ranks those by their exact cosine
 * similarity. The float scan it replaces read 154 MB per search at 100,000 nodes and was bound by
 * memory (decision 0018). With no more nodes in scope than are rescored, the result is exact.
 * Nodes of other orgs and workspaces are skipped by an integer comparison before any arithmetic.
 */
final class VectorIndex {

    /** How many of the sketch's closest nodes are ranked exactly at least. */
    static final int RESCORED = 500;
    private static final int RESCORED_PER_HIT = 10;
    /** One node in this many is ranked exactly: the sketch's closest 5 % held 98.4 % of the exact top 10 (0018). */
    private static final int RESCORED_SHARE = 20;

    record Hit(String nodeId, double similarity) {
    }

    private final String model;
    private final int dims;
    private final int words;
    private final Map<String, Integer> orgCodes = new HashMap<>();
    private final Map<String, Integer> workspaceCodes = new HashMap<>();
    private final Map<String, Integer> slots = new HashMap<>();
    private float[] data = new float[0];
    private long[] signs = new long[0];
    private String[] ids = new String[0];
    private int[] orgs = new int[0];
    private int[] workspaces = new int[0];
    private int size;

    VectorIndex(String model, int dims) {
        this.model = model;
        this.dims = dims;
        this.words = (dims + 63) / 64;
    }

    String model() {
        return model;
    }

    synchronized int size() {
        return slots.size();
    }

    /** Adds or replaces a node's vector; one of another length is refused (a model answering out of spec). */
    synchronized void put(String nodeId, String orgId, String workspaceId, float[] vector) {
        if (vector.length != dims) {
            throw new IllegalArgumentException("a vector of " + vector.length + " values for a model of " + dims);
        }
        Integer slot = slots.get(nodeId);
        if (slot == null) {
            if (size == ids.length) {
                int grown = Math.max(1024, size * 2);
                data = Arrays.copyOf(data, grown * dims);
                signs = Arrays.copyOf(signs, grown * words);
                ids = Arrays.copyOf(ids, grown);
                orgs = Arrays.copyOf(orgs, grown);
                workspaces = Arrays.copyOf(workspaces, grown);
            }
            slot = size++;
            slots.put(nodeId, slot);
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        Arrays.fill(signs, slot * words, (slot + 1) * words, 0);
        for (int i = 0; i < dims; i++) {
            data[slot * dims + i] = vector[i] * scale;
            if (vector[i] > 0) {
                signs[slot * words + (i >>> 6)] |= 1L << i;
            }
        }
        ids[slot] = nodeId;
        orgs[slot] = orgCodes.computeIfAbsent(orgId, o -> orgCodes.size() + 1);
        workspaces[slot] = workspaceCodes.computeIfAbsent(workspaceId, w -> workspaceCodes.size() + 1);
    }

    /** Forgets a node: its slot stays, matching no org. */
    synchronized void remove(String nodeId) {
        Integer slot = slots.remove(nodeId);
        if (slot != null) {
            orgs[slot] = 0;
        }
    }

    /**
     * Four running sums: a single one is a chain of dependent additions the JIT may not reorder,
     * four keep the multipliers busy.
     */
    private float dot(float[] q, float[] v, int base) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int i = 0;
        for (; i + 3 < dims; i += 4) {
            a += q[i] * v[base + i];
            b += q[i + 1] * v[base + i + 1];
            c += q[i + 2] * v[base + i + 2];
            d += q[i + 3] * v[base + i + 3];
        }
        for (; i < dims; i++) {
            a += q[i] * v[base + i];
        }
        return a + b + c + d;
    }

    /** The cosine similarity of a node's vector to {@code query}; 0 for a node without one. */
    synchronized double similarity(float[] query, String nodeId) {
        Integer slot = slots.get(nodeId);
        if (slot == null || query.length != dims) {
            return 0;
        }
        double norm = 0;
        for (float v : query) {
            norm += v * v;
        }
        return norm == 0 ? 0 : dot(query, data, slot * dims) / Math.sqrt(norm);
    }

    private boolean inScope(int slot, int org, int workspace) {
        return orgs[slot] == org && (workspace == 0 || workspaces[slot] == workspace);
    }

    /** How many dimensions' signs differ between {@code sketch} and the slot's. */
    private int distance(long[] sketch, int slot) {
        int distance = 0;
        for (int w = 0, base = slot * words; w < words; w++) {
            distance += Long.bitCount(sketch[w] ^ signs[base + w]);
        }
        return distance;
    }

    /** The {@code k} most similar vectors of the org (of the workspace when not null), most similar first. */
    List<Hit> nearest(float[] query, String orgId, String workspaceId, int k) {
        return nearest(query, orgId, workspaceId, k, Math.max(Math.max(RESCORED, k * RESCORED_PER_HIT), size() / RESCORED_SHARE));
    }

    /** As {@link #nearest(float[], String, String, int)}, the sketch's closest {@code rescored} ranked exactly. */
    synchronized List<Hit> nearest(float[] query, String orgId, String workspaceId, int k, int rescored) {
        Integer orgCode = orgCodes.get(orgId);
        Integer workspaceCode = workspaceId == null ? Integer.valueOf(0) : workspaceCodes.get(workspaceId);
        if (orgCode == null || workspaceCode == null || query.length != dims || k < 1) {
            return List.of();
        }
        int org = orgCode;
        int workspace = workspaceCode;
        double norm = 0;
        for (float v : query) {
            norm += v * v;
        }
        if (norm == 0) {
            return List.of();
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] q = new float[dims];
        long[] sketch = new long[words];
        for (int i = 0; i < dims; i++) {
            q[i] = query[i] * scale;
            if (query[i] > 0) {
                sketch[i >>> 6] |= 1L << i;
            }
        }
        // The sketch's distances are integers up to dims: a histogram finds the distance within which the closest
        // `rescored` lie (of those at that distance, the earlier slots), and a second pass ranks exactly what is within.
        int[] histogram = new int[dims + 1];
        for (int s = 0; s < size; s++) {
            if (inScope(s, org, workspace)) {
                histogram[distance(sketch, s)]++;
            }
        }
        int budget = Math.max(k, rescored);
        int threshold = 0;
        int closer = 0;
        while (threshold <= dims && closer + histogram[threshold] < budget) {
            closer += histogram[threshold++];
        }
        int atThreshold = budget - closer;
        BoundedHeap best = new BoundedHeap(k);
        for (int s = 0; s < size; s++) {
            if (inScope(s, org, workspace)) {
                int d = distance(sketch, s);
                if (d < threshold || (d == threshold && atThreshold-- > 0)) {
                    best.offer(s, dot(q, data, s * dims));
                }
            }
        }
        return best.hits(ids);
    }

    /**
     * The {@code capacity} slots of highest score offered, in primitive arrays: a min-heap whose root is the lowest
     * score kept (of equal scores, the later slot goes first), so a scan allocates nothing per node.
     */
    static final class BoundedHeap {
        private final int[] slots;
        private final float[] scores;
        private int size;

        BoundedHeap(int capacity) {
            slots = new int[capacity];
            scores = new float[capacity];
        }

        void offer(int slot, float score) {
            if (size < slots.length) {
                slots[size] = slot;
                scores[size] = score;
                up(size++);
            } else if (below(0, slot, score)) {
                slots[0] = slot;
                scores[0] = score;
                down(0);
            }
        }

        /** Whether the entry at {@code i} ranks below ({@code slot}, {@code score}). */
        private boolean below(int i, int slot, float score) {
            return scores[i] < score || (scores[i] == score && slots[i] > slot);
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!below(i, slots[parent], scores[parent])) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int low = i;
                for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                    if (below(child, slots[low], scores[low])) {
                        low = child;
                    }
                }
                if (low == i) {
                    return;
                }
                swap(i, low);
                i = low;
            }
        }

        private void swap(int a, int b) {
            int slot = slots[a];
            float score = scores[a];
            slots[a] = slots[b];
            scores[a] = scores[b];
            slots[b] = slot;
            scores[b] = score;
        }

        /** The entries as hits, highest score first (of equal scores, the earlier slot). */
        List<Hit> hits(String[] ids) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(slots[a], slots[b]));
            List<Hit> out = new ArrayList<>(size);
            for (int i : order) {
                out.add(new Hit(ids[slots[i]], scores[i]));
            }
            return out;
        }
    }
}
