/**
 * Per-merchant payment statistics over tumbling windows.
 */
package io.paytally.stream.stats;
