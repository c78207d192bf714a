package ai.aragora.receipts;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree with RFC 6962 hashing: leaf = SHA-256(0x00 || data), node =
 * SHA-256(0x01 || left || right), the tree over n leaves split at the largest power of two below
 * n. Every complete aligned subtree's hash is kept as it forms (at most one new node per level
 * per append), so roots and proofs for any size cost O(log n) hashes.
 */
final class MerkleTree {

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    /** levels.get(h).get(i): hash of the complete subtree over leaves [i * 2^h, (i + 1) * 2^h). */
    private final List<List<byte[]>> levels = new ArrayList<>();

    static byte[] leafHash(byte[] data) {
        return Sha256.digest(LEAF_PREFIX, data);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        return Sha256.digest(NODE_PREFIX, left, right);
    }

    synchronized void appendLeafHash(byte[] leafHash) {
        level(0).add(leafHash.clone());
        for (int h = 0; level(h).size() % 2 == 0; h++) {
            List<byte[]> below = level(h);
            level(h + 1).add(nodeHash(below.get(below.size() - 2), below.get(below.size() - 1)));
        }
    }

    synchronized long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    /** MTH of the first {@code n} leaves; the hash of the empty string for none. */
    synchronized byte[] root(long n) {
        checkSize(n);
        return n == 0 ? Sha256.digest() : hash(0, n);
    }

    /** PATH(m, D[0:n]) of RFC 6962 section 2.1.1. */
    synchronized List<byte[]> inclusionPath(long leafIndex, long n) {
        checkSize(n);
        if (leafIndex < 0 || leafIndex >= n) {
            throw new IllegalArgumentException("leaf " + leafIndex + " is not in a tree of size " + n);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafIndex, 0, n, path);
        return path;
    }

    /** PROOF(m, D[0:n]) of RFC 6962 section 2.1.2; empty for m = 0 or m = n. */
    synchronized List<byte[]> consistencyPath(long m, long n) {
        checkSize(n);
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("size " + m + " is not within 0.." + n);
        }
        List<byte[]> path = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(m, 0, n, true, path);
        }
        return path;
    }

    /** RFC 9162 section 2.1.3.2. */
    static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 section 2.1.4.2, with the trivial cases (empty first tree, equal sizes) decided directly. */
    static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> path) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return path.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (first == 0) {
            return path.isEmpty();
        }
        if (path.isEmpty()) {
            return false;
        }
        List<byte[]> proof = new ArrayList<>(path);
        if (Long.bitCount(first) == 1) {
            proof.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = proof.get(0);
        byte[] sr = proof.get(0);
        for (byte[] c : proof.subList(1, proof.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    private void path(long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = splitPoint(n);
        if (m < k) {
            path(m, start, k, out);
            out.add(hash(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, out);
            out.add(hash(start, k));
        }
    }

    private void subproof(long m, long start, long n, boolean wholeFirstTree, List<byte[]> out) {
        if (m == n) {
            if (!wholeFirstTree) {
                out.add(hash(start, n));
            }
            return;
        }
        long k = splitPoint(n);
        if (m <= k) {
            subproof(m, start, k, wholeFirstTree, out);
            out.add(hash(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(hash(start, k));
        }
    }

    /** MTH(D[start:start+n]); RFC 6962's recursion only ever asks for aligned complete subtrees, which are kept. */
    private byte[] hash(long start, long n) {
        if (Long.bitCount(n) == 1 && start % n == 0) {
            int h = Long.numberOfTrailingZeros(n);
            return levels.get(h).get((int) (start >> h));
        }
        long k = splitPoint(n);
        return nodeHash(hash(start, k), hash(start + k, n - k));
    }

    /** The largest power of two smaller than n (n > 1). */
    private static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    private List<byte[]> level(int h) {
        while (levels.size() <= h) {
            levels.add(new ArrayList<>());
        }
        return levels.get(h);
    }

    private void checkSize(long n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("the log has " + size() + " leaves, not " + n);
        }
    }
}
