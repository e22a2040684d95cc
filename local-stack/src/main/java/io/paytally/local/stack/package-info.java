/**
 * The embedded stack: broker, sandbox and the three services in one JVM, wired to each
 * other.
 */
package io.paytally.local.stack;
