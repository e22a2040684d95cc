/**
 * Benchmarks (main classes, not run by the test suite) that print figures.
 */
package io.paytally.stream.benchmark;
