package io.msec.node.ingest;

import java.util.List;

/**
 * What became of one submitted payload: readings stored, exact duplicates acknowledged, and
 * refusals with their codes.
 */
public record IngestReport(int accepted, int duplicates, List<Rejection> rejected) {
  public IngestReport {
    rejected = List.copyOf(rejected);
  }

  static IngestReport refusedWhole(String code, String reason) {
    return new IngestReport(0, 0, List.of(new Rejection(0, code, reason)));
  }

  /** True if nothing was stored or acknowledged as a duplicate. */
  public boolean refusedEntirely() {
    return accepted == 0 && duplicates == 0 && !rejected.isEmpty();
  }
}
