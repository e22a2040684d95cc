/**
 * The callback endpoints and their flow: read the body within its limit, verify, write,
 * and answer 2xx only once the broker has acknowledged.
 */
package io.paytally.ingest.callback;
