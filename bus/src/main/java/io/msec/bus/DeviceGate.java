package io.msec.bus;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * What the MQTT broker asks of the node: whether a connecting client is a device that proved
 * possession of its key, and to ingest what a device publishes. The broker itself knows nothing
 * about readings or keys.
 */
public interface DeviceGate {

  /**
   * Decides a CONNECT.
   *
   * @param userName the MQTT user name, by convention the device's did:key; may be null
   * @param password the MQTT password bytes; may be null
   * @return {@link Verdict#accept()} or a refusal with its code
   */
  Verdict authenticate(String userName, byte[] password);

  /**
   * Ingests one published payload of an authenticated device on its own topic. The returned future
   * completes after the payload's readings are durably stored (or refused); the broker sends the
   * PUBACK only then.
   *
   * @param device the user name the device authenticated with
   * @param topic the topic published to, already checked to be under the device's own prefix
   * @param payload the payload bytes; read-only
   */
  CompletableFuture<Verdict> ingest(String device, String topic, ByteBuffer payload);

  /**
   * Told of a publish the broker refused on its own (a foreign topic, an oversized payload), so
   * that the node can count it. Must not block.
   */
  void refused(String device, Verdict verdict);

  /** Accepted, or refused with a stable code and a reason a person can act on. */
  record Verdict(boolean accepted, Kind kind, String code, String reason) {
    /** How a refusal maps onto MQTT reason codes. */
    public enum Kind {
      OK,
      MALFORMED,
      NOT_AUTHORIZED,
      REFUSED
    }

    private static final Verdict ACCEPT = new Verdict(true, Kind.OK, "accepted", "");

    public static Verdict accept() {
      return ACCEPT;
    }

    public static Verdict refuse(Kind kind, String code, String reason) {
      return new Verdict(false, kind, code, reason);
    }
  }
}
