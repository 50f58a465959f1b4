package io.msec.node.cli;

import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.KeyFile;
import io.msec.device.NodeApi;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every owner-signed device change: who signs, which device, which node. */
final class OwnerRequest {
  @Option(names = "--owner-key", required = true, description = "The owner's key file.")
  Path ownerKey;

  @Option(names = "--device", required = true, description = "The device's did:key (its id).")
  String device;

  @Option(
      names = "--node",
      converter = NodeAddress.class,
      defaultValue = "http://127.0.0.1:8080",
      description = "The node's HTTP address (default: ${DEFAULT-VALUE}).")
  URI node;

  Identity owner() {
    return KeyFile.read(ownerKey);
  }

  DidKey device() {
    return DidKey.parse(device);
  }

  NodeApi api() {
    return new NodeApi(node);
  }
}
