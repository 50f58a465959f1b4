package io.msec.bus;

/** The MQTT topic layout of M-Sec devices (see docs/protocol.md). */
public final class Topics {
  public static final String DEVICES = "msec/devices/";

  private Topics() {}

  /** The topic a device publishes its readings on. */
  public static String readings(String device) {
    return DEVICES + device + "/readings";
  }

  /** True if {@code topic} lies under the device's own prefix. */
  public static boolean ownedBy(String topic, String device) {
    String prefix = DEVICES + device + "/";
    return topic.startsWith(prefix) && topic.length() > prefix.length();
  }
}
