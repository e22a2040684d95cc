/**
 * The public edge's view of its callers: which source a callback comes from (through
 * trusted proxies only), and a source that keeps sending refused callbacks answered 429
 * after a delay, before its callbacks cost any verification.
 */
package io.paytally.ingest.edge;
