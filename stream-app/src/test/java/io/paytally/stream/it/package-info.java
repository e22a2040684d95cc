/**
 * Integration tests and benchmarks on the in-JVM broker and the sandbox.
 */
package io.paytally.stream.it;
