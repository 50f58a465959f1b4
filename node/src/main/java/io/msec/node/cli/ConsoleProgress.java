package io.msec.node.cli;

import io.msec.node.bench.IngestBench;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error, one per phase of a long operation. */
final class ConsoleProgress implements IngestBench.Progress, AutoCloseable {
  private ProgressBar bar;

  @Override
  public synchronized void phase(String name, long total) {
    close();
    bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build();
  }

  @Override
  public synchronized void step(long done) {
    if (bar != null && done > bar.getCurrent()) {
      bar.stepTo(done);
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
