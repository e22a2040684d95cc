/**
 * The platform key pair and the merchants' credentials the sandbox knows.
 */
package io.paytally.sandbox.keys;
