package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Certificate Transparency's reference test data (merkle_tree_test): eight leaves, the roots of
 * each prefix, and RFC 9162 proofs checked in both directions.
 */
class MerkleTreeTest {
  private static final String[] LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] ROOTS = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  private static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MerkleTree.leafHash(Hashes.fromHex(LEAVES[i])));
    }
    return out;
  }

  @Test
  void rootsMatchCertificateTransparencyVectors() {
    for (int n = 1; n <= 8; n++) {
      assertThat(Hashes.hex(MerkleTree.root(leaves(n))))
          .as("root of %d", n)
          .isEqualTo(ROOTS[n - 1]);
    }
    assertThat(Hashes.hex(MerkleTree.root(List.of())))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void auditPathOfLeafZeroInTreeOfEightMatchesReference() {
    List<byte[]> path = MerkleTree.inclusionProof(leaves(8), 0);

    assertThat(path)
        .extracting(Hashes::hex)
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
  }

  @Property
  void everyInclusionProofVerifies(
      @ForAll @IntRange(min = 1, max = 70) int size, @ForAll @IntRange(min = 0, max = 69) int i) {
    int index = i % size;
    List<byte[]> leaves = synthetic(size);
    byte[] root = MerkleTree.root(leaves);
    List<byte[]> path = MerkleTree.inclusionProof(leaves, index);

    assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, path, root)).isTrue();
    int other = (index + 1) % size;
    if (other != index) {
      assertThat(MerkleTree.verifyInclusion(leaves.get(other), index, size, path, root)).isFalse();
    }
  }

  @Property
  void everyConsistencyProofVerifiesAndABadRootFails(
      @ForAll @IntRange(min = 1, max = 70) int newSize,
      @ForAll @IntRange(min = 1, max = 70) int m) {
    int oldSize = 1 + (m - 1) % newSize;
    List<byte[]> leaves = synthetic(newSize);
    byte[] oldRoot = MerkleTree.root(leaves.subList(0, oldSize));
    byte[] newRoot = MerkleTree.root(leaves);
    List<byte[]> proof = MerkleTree.consistencyProof(leaves, oldSize);

    assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).isTrue();
    byte[] bad = newRoot.clone();
    bad[0] ^= 1;
    assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, bad, proof)).isFalse();
  }

  private static List<byte[]> synthetic(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    return out;
  }
}
