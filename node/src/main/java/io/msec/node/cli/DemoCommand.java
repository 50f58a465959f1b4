package io.msec.node.cli;

import io.msec.device.replay.Speed;
import io.msec.node.Node;
import io.msec.node.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msec demo}: real sensor data through a node, end to end. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole platform on real sensor data, then keep serving until Ctrl-C.",
      "Starts a node, replays the bundled citizen PM data (and the room CO2 datasets found under",
      "--shared-data) as signed readings over MQTT, refuses a few forged readings, trades data on",
      "the market, and prints a summary and the dashboard URL."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--shared-data",
      defaultValue = "../shared/data",
      description = "Folder holding the public datasets (default: ${DEFAULT-VALUE}).")
  Path sharedData;

  @Option(
      names = "--work-dir",
      defaultValue = ".msec/demo",
      description =
          "The demo's own folder, emptied at start; a folder holding other files is refused"
              + " (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--http-port", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(names = "--mqtt-port", defaultValue = "1883", description = "Default: ${DEFAULT-VALUE}.")
  int mqttPort;

  @Option(
      names = "--speed",
      defaultValue = "max",
      description = "Replay speed, e.g. 600x, or max (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--exit-after-replay", description = "Exit 0 after the summary.")
  boolean exitAfterReplay;

  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Demo demo =
        new Demo(workDir, sharedData, httpPort, mqttPort, Speed.parse(speed), quiet, System.out);
    Node node = demo.run();
    System.out.println();
    if (exitAfterReplay) {
      node.close();
      return 0;
    }
    System.out.println("dashboard: " + node.httpUrl() + "/");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    System.out.println("serving until Ctrl-C");
    stopped.await();
    return 0;
  }
}
