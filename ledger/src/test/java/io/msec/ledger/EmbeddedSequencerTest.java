package io.msec.ledger;

import io.msec.ledger.internal.EmbeddedSequencer;

/** The embedded sequencer passes the sequencer contract. */
class EmbeddedSequencerTest extends SequencerContract {
  @Override
  protected Sequencer.Factory factory() {
    return EmbeddedSequencer::new;
  }
}
