/**
 * A local WeChat Pay v3 merchant API that plays WeChat's side of the protocol.
 */
package io.paytally.sandbox;
