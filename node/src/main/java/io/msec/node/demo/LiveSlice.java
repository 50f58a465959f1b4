package io.msec.node.demo;

import io.msec.core.Reading;
import io.msec.device.replay.Dataset;
import io.msec.device.replay.Speed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stretch of one room's real CO2 readings that the demo holds back from the replay and plays
 * later, live, to the ventilation agent: a rise above the threshold and the fall below threshold -
 * hysteresis after it, with some readings on either side. Since the replay numbers a device's
 * readings by their place in its series, the held-back readings continue the room's sequence
 * numbers. Immutable.
 *
 * @param dataset the whole room dataset
 * @param room the room chosen
 * @param from index of the first held-back observation of the room
 * @param to index after the last observation played live
 */
record LiveSlice(Dataset dataset, Dataset.DeviceSeries room, int from, int to) {
  /** Longest stretch above the threshold looked for, in readings. */
  private static final int MAX_EPISODE = 180;

  /** Readings played before the rise and after the fall. */
  private static final int LEAD = 20;

  private static final int TAIL = 10;

  /**
   * The last stretch in {@code dataset} where a room's CO2 rose above {@code threshold} and fell
   * below {@code threshold - hysteresis} within {@link #MAX_EPISODE} readings; rooms are tried in
   * the dataset's order.
   */
  static Optional<LiveSlice> find(Dataset dataset, double threshold, double hysteresis) {
    for (Dataset.DeviceSeries room : dataset.devices()) {
      if (!room.schema().containsKey("co2")) {
        continue;
      }
      List<Dataset.Observation> obs = room.observations();
      for (int up = obs.size() - 1; up > LEAD; up--) {
        if (co2(obs.get(up)) > threshold && co2(obs.get(up - 1)) <= threshold) {
          int down = fall(obs, up, threshold - hysteresis);
          if (down > 0 && down - up <= MAX_EPISODE) {
            return Optional.of(
                new LiveSlice(dataset, room, up - LEAD, Math.min(obs.size(), down + 1 + TAIL)));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static int fall(List<Dataset.Observation> obs, int up, double below) {
    for (int i = up + 1; i < obs.size(); i++) {
      if (co2(obs.get(i)) < below) {
        return i;
      }
    }
    return -1;
  }

  /** The observation's CO2, or NaN (compares false) if it has none. */
  private static double co2(Dataset.Observation o) {
    Reading.Quantity q = o.properties().get("co2");
    return q == null ? Double.NaN : q.value();
  }

  /** The dataset to replay first: everything but the room's readings from {@link #from} on. */
  Dataset before() {
    List<Dataset.DeviceSeries> devices = new ArrayList<>();
    for (Dataset.DeviceSeries d : dataset.devices()) {
      devices.add(d.id().equals(room.id()) ? cut(from) : d);
    }
    return new Dataset(dataset.mapping(), devices, dataset.rowsRead(), dataset.skipped());
  }

  /**
   * The dataset to replay live: the room alone, up to {@link #to}; the replay skips what is stored.
   */
  Dataset live() {
    return new Dataset(dataset.mapping(), List.of(cut(to)), dataset.rowsRead(), dataset.skipped());
  }

  /** The dataset that catches up after the live part: the room alone, all of it. */
  Dataset rest() {
    return new Dataset(
        dataset.mapping(),
        List.of(cut(room.observations().size())),
        dataset.rowsRead(),
        dataset.skipped());
  }

  /** How many of the room's readings come after the live part. */
  int restSize() {
    return room.observations().size() - to;
  }

  /** How many of the room's readings are held back from the first replay. */
  int heldBack() {
    return room.observations().size() - from;
  }

  /** How many readings are played live. */
  int size() {
    return to - from;
  }

  /** The room's display name. */
  String name() {
    return room.name();
  }

  /** The sequence number of the first reading played live. */
  long firstSeq() {
    return from + 1L;
  }

  /** The speed that plays the slice's dataset time in about {@code wall}. */
  Speed speedFor(Duration wall) {
    Duration span =
        Duration.between(
            room.observations().get(from).time(), room.observations().get(to - 1).time());
    return new Speed(Math.max(1, Math.round((double) span.toMillis() / wall.toMillis())));
  }

  /** The dataset time the slice covers, in minutes. */
  long minutes() {
    return Duration.between(
            room.observations().get(from).time(), room.observations().get(to - 1).time())
        .toMinutes();
  }

  private Dataset.DeviceSeries cut(int end) {
    return new Dataset.DeviceSeries(
        room.id(),
        room.type(),
        room.name(),
        room.location(),
        room.schema(),
        room.observations().subList(0, end));
  }
}
