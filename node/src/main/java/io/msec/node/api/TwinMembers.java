package io.msec.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import java.util.Set;

/**
 * Members that a part of the node other than the reading store adds to a twin's NGSI-LD entity,
 * such as the latest commands. The twin routes call it for every entity they serve.
 */
interface TwinMembers {
  /** Adds nothing. */
  TwinMembers NONE =
      new TwinMembers() {
        @Override
        public boolean has(DidKey device) {
          return false;
        }

        @Override
        public Set<DidKey> devices() {
          return Set.of();
        }

        @Override
        public void addTo(DidKey device, ObjectNode entity) {}
      };

  /**
   * Whether there is anything to add for {@code device}; a registered device with no readings yet
   * is then served as a twin holding these members only.
   */
  boolean has(DidKey device);

  /** Every device there is anything to add for. */
  Set<DidKey> devices();

  /** Adds the members for {@code device} to {@code entity}; adds nothing if there are none. */
  void addTo(DidKey device, ObjectNode entity);
}
