package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Hashes;
import io.msec.core.MerkleTree;
import io.msec.ledger.internal.CompactRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block transaction roots, transaction inclusion paths and the chain root follow RFC 9162, checked
 * against Certificate Transparency's vectors and an implementation written from the RFC's text.
 */
class BlockMerkleTest {
  private static final String[] CT_LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] CT_ROOTS = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  @TempDir Path dir;

  @Test
  void chainRootFollowsCertificateTransparencyVectors() {
    CompactRange range = new CompactRange();
    List<byte[]> entries = new ArrayList<>();
    for (int n = 1; n <= 8; n++) {
      byte[] entry = Hashes.fromHex(CT_LEAVES[n - 1]);
      entries.add(entry);
      range.append(MerkleTree.leafHash(entry));

      assertThat(Hashes.hex(range.root())).as("root of %d", n).isEqualTo(CT_ROOTS[n - 1]);
      assertThat(Hashes.hex(Rfc9162.mth(entries))).isEqualTo(CT_ROOTS[n - 1]);
    }
  }

  @Test
  void blockTxRootIsRfc9162RootOverCanonicalTransactionsAndPathsVerify() {
    try (Fixture f = new Fixture(dir, new LedgerConfig(60_000, 7, 2))) {
      TransactionBuilder treasury = TransactionBuilder.forAccount(f.treasury, 1);
      List<CompletableFuture<Receipt>> pending = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        pending.add(f.ledger.submit(treasury.next(new Mint(f.alice.did(), i))));
      }
      List<Receipt> receipts = pending.stream().map(Fixture::await).toList();

      assertThat(receipts).extracting(Receipt::height).containsOnly(1L);
      Block block = f.ledger.block(1).orElseThrow();
      List<byte[]> entries =
          block.transactions().stream().map(Transaction::canonicalBytes).toList();
      assertThat(Hashes.hex(block.header().txRoot())).isEqualTo(Hashes.hex(Rfc9162.mth(entries)));
      for (Receipt r : receipts) {
        JsonNode proof = f.ledger.proveTransaction(r.txId());
        List<byte[]> path = new ArrayList<>();
        proof.get("block").get("path").forEach(h -> path.add(Hashes.fromHex(h.textValue())));
        byte[] leaf = Rfc9162.leaf(entries.get(r.index()));

        assertThat(MerkleTree.verifyInclusion(leaf, r.index(), 7, path, block.header().txRoot()))
            .isTrue();
        assertThat(ProofChecker.check(proof, f.ledger.head()).valid()).isTrue();
      }
    }
  }

  @Test
  void headRootIsRfc9162RootOverBlockHashesAndHeadsAreConsistent() {
    try (Fixture f = new Fixture(dir)) {
      List<SignedHead> heads = new ArrayList<>();
      heads.add(f.ledger.head());
      for (int i = 1; i <= 9; i++) {
        f.commit(f.treasury, new Mint(f.bob.did(), i));
        heads.add(f.ledger.head());
      }

      List<byte[]> hashes = new ArrayList<>();
      for (long h = 0; h <= f.ledger.height(); h++) {
        hashes.add(f.ledger.block(h).orElseThrow().hash());
      }
      SignedHead last = heads.get(heads.size() - 1);
      assertThat(last.size()).isEqualTo(10);
      assertThat(Hashes.hex(last.root())).isEqualTo(Hashes.hex(Rfc9162.mth(hashes)));
      assertThat(last.block()).isEqualTo(hashes.get(9));
      for (SignedHead old : heads) {
        List<byte[]> proof = f.ledger.consistencyProof(old.size(), last.size());
        assertThat(ProofChecker.checkConsistency(old, last, proof).valid()).isTrue();
      }
      List<byte[]> proof = f.ledger.consistencyProof(3, 10);
      proof.set(0, Hashes.sha256(proof.get(0)));
      assertThat(ProofChecker.checkConsistency(heads.get(2), last, proof).failedStep())
          .isEqualTo("consistency");
    }
  }

  @Test
  void blockJsonRoundTripsAndItsSignatureCoversTheHeader() {
    try (Fixture f = new Fixture(dir)) {
      f.commit(f.treasury, new Mint(f.bob.did(), 5));
      Block block = f.ledger.block(1).orElseThrow();

      Block again = Block.fromJson(block.toJson());
      assertThat(again.hash()).isEqualTo(block.hash());
      assertThat(again.verifySignature()).isTrue();

      ObjectNode json = block.toJson();
      ((ObjectNode) json.get("header")).put("time", block.header().timeMillis() + 1);
      assertThat(Block.fromJson(json).verifySignature()).isFalse();
    }
  }
}
