/**
 * The embedded default: every part of paytally in one JVM, and the scenario that plays a
 * day.
 */
package io.paytally.local;
