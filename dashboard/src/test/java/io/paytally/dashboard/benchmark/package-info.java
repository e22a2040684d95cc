/**
 * The dashboard's benchmark (not part of the test run): its page and lookup with many
 * orders in the state topic.
 */
package io.paytally.dashboard.benchmark;
