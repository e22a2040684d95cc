/**
 * Tests of the whole dashboard against a real broker: its JSON over HTTP and its page in
 * a real browser.
 */
package io.paytally.dashboard.it;
