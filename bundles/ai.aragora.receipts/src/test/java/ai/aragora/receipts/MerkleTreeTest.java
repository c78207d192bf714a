package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    @Test
    void rootsMatchTheRfc6962DefinitionForEverySize() {
        for (int n = 0; n <= 64; n++) {
            MerkleTree tree = tree(n);
            for (int m = 0; m <= n; m++) {
                assertThat(tree.root(m)).as("root of %d leaves", m).isEqualTo(definitionalRoot(leaves(m)));
            }
        }
    }

    /** Well-known value: the RFC 6962 hash of an empty tree is SHA-256 of nothing. */
    @Test
    void emptyTreeHashesTheEmptyString() {
        assertThat(HexFormat.of().formatHex(new MerkleTree().root(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyLeafOfEveryTreeUpTo64IsProvablyIncluded() {
        MerkleTree tree = tree(64);
        for (int n = 1; n <= 64; n++) {
            byte[] root = tree.root(n);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = tree.inclusionPath(i, n);
                byte[] leaf = MerkleTree.leafHash(data(i));
                assertThat(MerkleTree.verifyInclusion(i, n, leaf, path, root)).as("leaf %d of %d", i, n).isTrue();
                assertThat(MerkleTree.verifyInclusion(i, n, MerkleTree.leafHash(data(i + 1000)), path, root)).isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.verifyInclusion((i + 1) % n, n, leaf, path, root)).as("wrong index").isFalse();
                    List<byte[]> tampered = new ArrayList<>(path);
                    tampered.set(0, MerkleTree.leafHash(data(-1)));
                    assertThat(MerkleTree.verifyInclusion(i, n, leaf, tampered, root)).isFalse();
                    assertThat(MerkleTree.verifyInclusion(i, n, leaf, path.subList(0, path.size() - 1), root)).isFalse();
                }
            }
        }
    }

    @Test
    void everyPairOfSizesUpTo32IsProvablyConsistent() {
        MerkleTree tree = tree(32);
        for (int n = 0; n <= 32; n++) {
            for (int m = 0; m <= n; m++) {
                List<byte[]> proof = tree.consistencyPath(m, n);
                assertThat(MerkleTree.verifyConsistency(m, n, tree.root(m), tree.root(n), proof)).as("%d -> %d", m, n).isTrue();
                if (m > 0 && m < n) {
                    byte[] forged = MerkleTree.leafHash(data(-7));
                    assertThat(MerkleTree.verifyConsistency(m, n, forged, tree.root(n), proof)).as("forged first root").isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, tree.root(m), forged, proof)).as("forged second root").isFalse();
                    List<byte[]> tampered = new ArrayList<>(proof);
                    tampered.set(tampered.size() - 1, forged);
                    assertThat(MerkleTree.verifyConsistency(m, n, tree.root(m), tree.root(n), tampered)).isFalse();
                }
            }
        }
    }

    /** A log whose history was rewritten is not consistent with what was checkpointed before. */
    @Test
    void rewrittenHistoryIsNotConsistent() {
        MerkleTree honest = tree(10);
        MerkleTree rewritten = new MerkleTree();
        for (int i = 0; i < 20; i++) {
            rewritten.appendLeafHash(MerkleTree.leafHash(i == 3 ? data(99) : data(i)));
        }
        assertThat(MerkleTree.verifyConsistency(10, 20, honest.root(10), rewritten.root(20), rewritten.consistencyPath(10, 20))).isFalse();
    }

    @Test
    void proofsOutsideTheTreeAreRefused() {
        MerkleTree tree = tree(4);
        assertThatThrownBy(() -> tree.inclusionPath(4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.root(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyPath(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MerkleTree tree(int n) {
        MerkleTree tree = new MerkleTree();
        leaves(n).forEach(tree::appendLeafHash);
        return tree;
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(data(i)));
        }
        return leaves;
    }

    private static byte[] data(int i) {
        return ("leaf " + i).getBytes(StandardCharsets.UTF_8);
    }

    /** MTH straight from RFC 6962 section 2.1, recomputed from scratch. */
    private static byte[] definitionalRoot(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return Sha256.digest();
        }
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = 1;
        while (k * 2 < leafHashes.size()) {
            k *= 2;
        }
        return MerkleTree.nodeHash(definitionalRoot(leafHashes.subList(0, k)), definitionalRoot(leafHashes.subList(k, leafHashes.size())));
    }
}
