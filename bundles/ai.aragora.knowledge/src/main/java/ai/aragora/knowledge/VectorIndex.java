package ai.aragora.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Every embedded node's vector of one model in memory, normalised to unit length in one
 * contiguous array, searched exhaustively: at 100,000 nodes of 384 dimensions a scan is a few
 * milliseconds, exact, and needs no index to maintain. Nodes of other orgs are skipped by an
 * integer comparison before any arithmetic.
 */
final class VectorIndex {

    record Hit(String nodeId, double similarity) {
    }

    private final String model;
    private final int dims;
    private final Map<String, Integer> orgCodes = new HashMap<>();
    private final Map<String, Integer> slots = new HashMap<>();
    private float[] data = new float[0];
    private String[] ids = new String[0];
    private int[] orgs = new int[0];
    private String[] workspaces = new String[0];
    private int size;

    VectorIndex(String model, int dims) {
        this.model = model;
        this.dims = dims;
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
        for (int i = 0; i < dims; i++) {
            data[slot * dims + i] = vector[i] * scale;
        }
        ids[slot] = nodeId;
        orgs[slot] = orgCodes.computeIfAbsent(orgId, o -> orgCodes.size() + 1);
        workspaces[slot] = workspaceId;
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

    /** The {@code k} most similar vectors of the org (of the workspace when not null), most similar first. */
    synchronized List<Hit> nearest(float[] query, String orgId, String workspaceId, int k) {
        Integer org = orgCodes.get(orgId);
        if (org == null || query.length != dims || k < 1) {
            return List.of();
        }
        double norm = 0;
        for (float v : query) {
            norm += v * v;
        }
        if (norm == 0) {
            return List.of();
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] q = new float[dims];
        for (int i = 0; i < dims; i++) {
            q[i] = query[i] * scale;
        }
        PriorityQueue<Hit> best = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(a.similarity(), b.similarity()));
        for (int s = 0; s < size; s++) {
            if (orgs[s] != org || (workspaceId != null && !workspaceId.equals(workspaces[s]))) {
                continue;
            }
            float dot = dot(q, data, s * dims);
            if (best.size() < k) {
                best.add(new Hit(ids[s], dot));
            } else if (dot > best.peek().similarity()) {
                best.poll();
                best.add(new Hit(ids[s], dot));
            }
        }
        List<Hit> out = new ArrayList<>(best);
        out.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return out;
    }
}
