/**
 * Deciding whether a callback is genuine: size, headers, replay window, the SDK's
 * signature check and decryption, field rules, and the facts that refuse a callback.
 */
package io.paytally.ingest.verification;
