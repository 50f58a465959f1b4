package io.msec.market.agent;

import io.msec.core.DidKey;
import io.msec.market.client.Budget;
import java.time.Instant;

/**
 * A smart object: a registered device that acts on its own, buying data on the market with tokens
 * its owner moved to its account and acting on what it receives, never spending beyond the {@link
 * Budget} its owner set. It signs its own transactions and commands with its device key.
 *
 * <p>A smart object works in steps: {@link #step} looks at the world once and acts (searches, buys,
 * subscribes) and returns; readings that arrive between steps are handled as they come, on the
 * thread that delivers them. {@link StepLoop} calls {@code step} on a clock.
 *
 * <pre>{@code
 * try (VentilationAgent agent = new VentilationAgent(config);
 *     StepLoop loop = StepLoop.start(agent, Clock.systemUTC(), Duration.ofSeconds(5))) {
 *   ...
 * }
 * }</pre>
 */
public interface SmartObject extends AutoCloseable {
  /** The device it is: its account pays and its key signs. */
  DidKey id();

  /** The account that registered it, set its budget and funded it. */
  DidKey owner();

  /** What it may still spend, and what it spent. */
  Budget budget();

  /**
   * Looks once and acts. Failures of the node or the market are logged and left for the next step;
   * a step never throws for them.
   *
   * @param now the time of the step, from the loop's clock
   */
  void step(Instant now);

  /** What it is doing, in a sentence, e.g. why it bought nothing. */
  String status();

  /** Stops receiving; idempotent. */
  @Override
  void close();
}
