package io.msec.node.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.MsecException;
import io.msec.node.registry.DeviceRecord;
import io.msec.node.registry.DeviceRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands for twins: checks each signed command and keeps the ones a device or its owner
 * signed (docs/twins.md, "Commands"). The checks, in order, each with the code of its refusal:
 *
 * <ol>
 *   <li>the body is an envelope and its payload a command for the twin addressed: {@code
 *       malformed};
 *   <li>the device is registered: {@code unknown-device};
 *   <li>the signature is the signer's: {@code bad-signature};
 *   <li>the signer is the device's current key or its owner on the ledger: {@code not-owner};
 *   <li>the device is not revoked: {@code revoked-device};
 *   <li>the command's time is at most {@link #MAX_AHEAD} ahead of the node's clock: {@code
 *       clock-skew}.
 * </ol>
 *
 * Thread-safe.
 */
public final class CommandDesk {
  private static final Logger LOG = LoggerFactory.getLogger(CommandDesk.class);

  /** How far a command's time may be ahead of the node's clock. */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  /**
   * A command as kept.
   *
   * @param command the command; the earlier copy if it was sent before
   * @param created true if this call kept it, false if it was kept already
   */
  public record Kept(TwinCommand command, boolean created) {}

  private final DeviceRegistry registry;
  private final CommandLog log;
  private final Clock clock;
  private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();

  public CommandDesk(DeviceRegistry registry, CommandLog log, Clock clock) {
    this.registry = registry;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Checks the signed command {@code body} for the twin of {@code device} and keeps it.
   *
   * @throws MsecException with the code of the first check that failed
   */
  public Kept accept(DidKey device, JsonNode body) {
    try {
      TwinCommand command = check(device, body);
      TwinCommand kept = log.append(command);
      if (kept != command) {
        LOG.debug("twin command sent again device={} id={}", device, kept.id());
        return new Kept(kept, false);
      }
      LOG.info(
          "twin command kept device={} command={} value={} signer={} id={}",
          device,
          kept.command(),
          kept.value(),
          kept.signer(),
          kept.id());
      return new Kept(kept, true);
    } catch (MsecException e) {
      if (!e.code().startsWith("store-")) {
        refused(device, e.code());
      }
      throw e;
    }
  }

  /** Logs the first refusal of each reason, then every hundredth, with the count. */
  private void refused(DidKey device, String code) {
    long n = refusals.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
    if (n == 1 || n % 100 == 0) {
      LOG.warn("refused twin command device={} reason={} count={}", device, code, n);
    }
  }

  /** The commands of {@code device}'s twin, oldest first. */
  public List<TwinCommand> list(DidKey device) {
    return log.list(device);
  }

  /** The devices whose twins were ever commanded. */
  public java.util.Set<DidKey> commanded() {
    return log.devices();
  }

  /** The latest command of each name for {@code device}'s twin. */
  public Map<String, TwinCommand> latest(DidKey device) {
    return log.latest(device);
  }

  private TwinCommand check(DidKey device, JsonNode body) {
    Envelope envelope;
    try {
      envelope = Envelope.fromJson(body);
    } catch (MsecException e) {
      throw new MsecException("malformed", "a command is a signed envelope: " + e.getMessage());
    }
    Instant now = clock.instant();
    TwinCommand command = TwinCommand.read(envelope, now);
    if (!command.device().equals(device)) {
      throw new MsecException(
          "malformed", "the command names " + command.device() + ", not the twin " + device);
    }
    DeviceRecord record =
        registry
            .find(device)
            .orElseThrow(
                () -> new MsecException("unknown-device", "no device " + device + " registered"));
    if (!envelope.verify()) {
      throw new MsecException(
          "bad-signature", "the command's signature is not " + envelope.signer() + "'s");
    }
    if (!envelope.signer().equals(record.key()) && !envelope.signer().equals(record.owner())) {
      throw new MsecException(
          "not-owner",
          "only the device's current key or its owner may command its twin, not "
              + envelope.signer());
    }
    if (record.revoked()) {
      throw new MsecException("revoked-device", "device " + device + " is revoked");
    }
    if (command.at().isAfter(now.plus(MAX_AHEAD))) {
      throw new MsecException(
          "clock-skew",
          "the command's time " + command.at() + " is more than " + MAX_AHEAD + " ahead");
    }
    return command;
  }
}
