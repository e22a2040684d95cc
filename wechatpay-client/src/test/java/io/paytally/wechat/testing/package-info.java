/**
 * Test support shared with the services' tests (this module's test-jar): merchants of the
 * sandbox as the services configure them.
 */
package io.paytally.wechat.testing;
