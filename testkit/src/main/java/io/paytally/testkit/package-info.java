/**
 * Real infrastructure for tests: an in-JVM KRaft broker and a real PostgreSQL, picked
 * automatically.
 */
package io.paytally.testkit;
