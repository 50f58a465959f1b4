package io.msec.node.ingest;

import io.msec.bus.DeviceGate;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the MQTT broker to the node's authentication and ingestion. */
public final class NodeGate implements DeviceGate {
  private static final Logger LOG = LoggerFactory.getLogger(NodeGate.class);

  private final MqttAuth auth;
  private final Ingestor ingestor;

  public NodeGate(MqttAuth auth, Ingestor ingestor) {
    this.auth = auth;
    this.ingestor = ingestor;
  }

  @Override
  public Verdict authenticate(String userName, byte[] password) {
    try {
      auth.authenticate(userName, password);
      return Verdict.accept();
    } catch (MsecException e) {
      ingestor.countRefusal(userName, "unauthenticated");
      LOG.debug("refused mqtt connect user={} code={}", userName, e.code());
      return Verdict.refuse(Verdict.Kind.NOT_AUTHORIZED, e.code(), e.getMessage());
    }
  }

  @Override
  public CompletableFuture<Verdict> ingest(String device, String topic, ByteBuffer payload) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    return ingestor
        .submit(bytes, DidKey.parse(device))
        .thenApply(
            report -> {
              if (!report.refusedEntirely()) {
                return Verdict.accept();
              }
              Rejection first = report.rejected().get(0);
              Verdict.Kind kind =
                  switch (first.code()) {
                    case "malformed", "too-large" -> Verdict.Kind.MALFORMED;
                    case "wrong-signer", "revoked-device", "unknown-device" ->
                        Verdict.Kind.NOT_AUTHORIZED;
                    default -> Verdict.Kind.REFUSED;
                  };
              return Verdict.refuse(kind, first.code(), first.reason());
            });
  }

  @Override
  public void refused(String device, Verdict verdict) {
    ingestor.countRefusal(device, verdict.code());
  }
}
