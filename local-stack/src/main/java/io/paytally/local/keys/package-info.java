/**
 * Merchant and platform key files ({@code paytally keygen}) and the credentials the
 * services are configured with.
 */
package io.paytally.local.keys;
