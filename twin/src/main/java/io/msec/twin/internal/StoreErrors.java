package io.msec.twin.internal;

import io.msec.core.MsecException;
import java.sql.SQLException;

/** The typed errors of the store, with their stable codes. */
public final class StoreErrors {
  private StoreErrors() {}

  /** {@code store-io}: the database could not be read or written. */
  public static MsecException io(String doing, SQLException e) {
    return new MsecException("store-io", "store failed while " + doing + ": " + e.getMessage(), e);
  }

  /** {@code store-closed}: the store was used after it was closed. */
  public static MsecException closed() {
    return new MsecException("store-closed", "the reading store is closed");
  }
}
