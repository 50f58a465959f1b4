package io.msec.node.cli;

import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.KeyFile;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceRegistration;
import io.msec.device.DeviceRegistration.PropertySchema;
import io.msec.device.NodeApi;
import io.msec.device.replay.ReplayOptions;
import io.msec.device.replay.ReplaySummary;
import io.msec.device.replay.Replayer;
import io.msec.device.replay.Speed;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code msec device}: device keys, registration, key rotation, revocation and dataset replay. */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    description = "Device keys, registration, key rotation, revocation and dataset replay.",
    subcommands = {
      DeviceCommand.Replay.class,
      DeviceCommand.Keygen.class,
      DeviceCommand.Register.class,
      DeviceCommand.Rotate.class,
      DeviceCommand.Revoke.class
    })
public final class DeviceCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code msec device replay}: replays a dataset into a node. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = "Replay a real dataset into a node as signed readings of its devices.")
  static final class Replay implements Callable<Integer> {
    @Option(
        names = "--dataset",
        required = true,
        description =
            "Dataset folder, a name under ../shared/data, or bundled:luftdaten-aberdeen-pm.")
    String dataset;

    @Option(names = "--mapping", description = "Mapping file (default: the one shipped for it).")
    Path mapping;

    @Option(
        names = "--speed",
        defaultValue = "600x",
        description =
            "Dataset seconds per wall second, e.g. 600x, or max (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(
        names = "--node",
        converter = NodeAddress.class,
        defaultValue = "http://127.0.0.1:8080",
        description = "The node's HTTP address (default: ${DEFAULT-VALUE}).")
    URI node;

    @Option(names = "--mqtt", description = "The node's MQTT address (default: ask the node).")
    URI mqtt;

    @Option(
        names = "--state-dir",
        description = "Where keys are kept (default: .msec/replay/<dataset>).")
    Path stateDir;

    @Option(
        names = "--batch",
        defaultValue = "1",
        description = "Readings per signed message (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
        names = "--limit",
        defaultValue = "0",
        description = "At most this many readings in this run, 0 for all.")
    long limit;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ReplayOptions options;
      try {
        options =
            ReplayOptions.of(dataset)
                .withMapping(mapping)
                .withSpeed(Speed.parse(speed))
                .withNode(node)
                .withMqtt(mqtt)
                .withStateDir(stateDir)
                .withBatch(batch)
                .withLimit(limit)
                .withQuiet(quiet);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      ReplaySummary summary = Replayer.run(options);
      System.out.println(summary.describe());
      return summary.unanswered() == 0 ? 0 : 1;
    }
  }

  /** {@code msec device keygen}: writes a new key file. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = "Write a new Ed25519 key file (mode 0600) and print its did.")
  static final class Keygen implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "The key file to create.")
    Path out;

    @Override
    public Integer call() {
      Identity identity = Identity.generate();
      KeyFile.write(identity, out);
      System.out.println(identity.did());
      return 0;
    }
  }

  /** {@code msec device register}: registers a device, signed by its owner. */
  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description = "Register a device with a node, signed by the owner's key.")
  static final class Register implements Callable<Integer> {
    @Mixin OwnerRequest request;

    @Option(names = "--type", required = true, description = "Device type, e.g. co2-sensor.")
    String type;

    @Option(names = "--name", description = "Display name (default: the type).")
    String name;

    @Option(names = "--lat", description = "Latitude, WGS 84 degrees.")
    Double lat;

    @Option(names = "--lon", description = "Longitude, WGS 84 degrees.")
    Double lon;

    @Option(
        names = "--property",
        required = true,
        description =
            "name=UCUM unit:min:max (the plausible range), e.g. co2=[ppm]:0:10000;"
                + " repeatable.")
    List<String> properties;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if ((lat == null) != (lon == null)) {
        throw new ParameterException(spec.commandLine(), "give both --lat and --lon, or neither");
      }
      Reading.Location location = lat == null ? null : new Reading.Location(lat, lon);
      DeviceRegistration registration =
          new DeviceRegistration(
              request.device(), type, name == null ? type : name, location, schema());
      NodeApi.Registered answer = request.api().register(request.owner(), registration);
      System.out.println(
          (answer.created() ? "registered " : "already registered ") + request.device());
      return 0;
    }

    private Map<String, PropertySchema> schema() {
      Map<String, PropertySchema> schema = new LinkedHashMap<>();
      for (String p : properties) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new ParameterException(spec.commandLine(), "--property is name=unit, was " + p);
        }
        String[] parts = p.substring(eq + 1).split(":", -1);
        try {
          Double min = parts.length > 1 && !parts[1].isEmpty() ? Double.valueOf(parts[1]) : null;
          Double max = parts.length > 2 && !parts[2].isEmpty() ? Double.valueOf(parts[2]) : null;
          schema.put(p.substring(0, eq), new PropertySchema(parts[0], min, max));
        } catch (NumberFormatException e) {
          throw new ParameterException(spec.commandLine(), "bad min or max in --property " + p);
        }
      }
      return schema;
    }
  }

  /** {@code msec device rotate}: gives a device a new key, signed by its owner. */
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description =
          "Give a device a new key, signed by the owner's key. The device keeps its did and signs"
              + " with the new key from now on.")
  static final class Rotate implements Callable<Integer> {
    @Mixin OwnerRequest request;

    @Option(
        names = "--new-key",
        required = true,
        description =
            "The key file of the device's new key: created (mode 0600) if missing, reused if it"
                + " exists, so that a failed rotation can be run again.")
    Path newKey;

    @Override
    public Integer call() {
      DidKey id = request.device();
      Identity owner = request.owner();
      Identity key;
      if (Files.exists(newKey)) {
        key = KeyFile.read(newKey);
      } else {
        key = Identity.generate();
        // Written before the node hears of it, so that an accepted rotation never loses its key.
        KeyFile.write(key, newKey);
      }
      try {
        request.api().rotate(owner, id, key.did());
      } catch (MsecException e) {
        throw new MsecException(
            e.code(),
            e.getMessage() + "; the new key stays in " + newKey + ", run again to retry",
            e);
      }
      System.out.println("rotated " + id + " to key " + key.did() + " in " + newKey);
      return 0;
    }
  }

  /** {@code msec device revoke}: revokes a device, signed by its owner. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a device, signed by the owner's key; its next reading is refused.")
  static final class Revoke implements Callable<Integer> {
    @Mixin OwnerRequest request;

    @Override
    public Integer call() {
      request.api().revoke(request.owner(), request.device());
      System.out.println("revoked " + request.device());
      return 0;
    }
  }
}
