/**
 * Tests of keys rotated without downtime: the old and the new accepted during the
 * overlap.
 */
package io.paytally.ingest.rotation;
