/** Implementation of the SQLite reading store; not for use outside the twin module. */
package io.msec.twin.internal;
