/**
 * Callbacks to the merchant's notify_url: signed envelopes with encrypted resources,
 * WeChat's retry schedule, and chaos on request.
 */
package io.paytally.sandbox.callback;
