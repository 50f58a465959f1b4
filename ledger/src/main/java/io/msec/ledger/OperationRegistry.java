package io.msec.ledger;

import io.msec.ledger.internal.ops.AnchorOperation;
import io.msec.ledger.internal.ops.MintOperation;
import io.msec.ledger.internal.ops.RegisterDeviceOperation;
import io.msec.ledger.internal.ops.RevokeDeviceOperation;
import io.msec.ledger.internal.ops.RotateDeviceKeyOperation;
import io.msec.ledger.internal.ops.TransferDeviceOperation;
import io.msec.ledger.internal.ops.TransferOperation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations a ledger knows, by name: the dispatch table of the state machine. Immutable; a
 * module adds its own kinds with {@link #with(OperationKind)}.
 *
 * <pre>{@code
 * OperationRegistry ops = OperationRegistry.standard().with(new OfferOperation());
 * }</pre>
 */
public final class OperationRegistry {
  private final Map<String, OperationKind<?>> kinds;

  private OperationRegistry(Map<String, OperationKind<?>> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** Tokens (mint, transfer), the device registry and data anchors. */
  public static OperationRegistry standard() {
    Map<String, OperationKind<?>> kinds = new LinkedHashMap<>();
    for (OperationKind<?> k :
        new OperationKind<?>[] {
          new MintOperation(),
          new TransferOperation(),
          new RegisterDeviceOperation(),
          new RotateDeviceKeyOperation(),
          new TransferDeviceOperation(),
          new RevokeDeviceOperation(),
          new AnchorOperation()
        }) {
      kinds.put(k.type(), k);
    }
    return new OperationRegistry(kinds);
  }

  /**
   * This registry and {@code kind}.
   *
   * @throws IllegalArgumentException if a kind of that name is registered already
   */
  public OperationRegistry with(OperationKind<?> kind) {
    if (kinds.containsKey(kind.type())) {
      throw new IllegalArgumentException("operation " + kind.type() + " is registered already");
    }
    Map<String, OperationKind<?>> more = new LinkedHashMap<>(kinds);
    more.put(kind.type(), kind);
    return new OperationRegistry(more);
  }

  public Optional<OperationKind<?>> find(String type) {
    return Optional.ofNullable(kinds.get(type));
  }

  public Set<String> types() {
    return kinds.keySet();
  }
}
