/**
 * Checks of the root docker-compose.yml.
 */
package io.paytally.local.compose;
