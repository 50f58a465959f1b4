/**
 * The data marketplace: offers with usage policies, purchases held in escrow, licenses, content
 * keys delivered to licensees only, and reputation.
 */
package io.msec.market;
