/**
 * Digital twins and time series of devices: the {@link io.msec.twin.ReadingStore} port that keeps
 * accepted readings with their proof, and its embedded implementation {@link
 * io.msec.twin.SqliteReadingStore}. Records in this package are immutable; arguments and results
 * are never null unless a parameter says otherwise.
 */
package io.msec.twin;
