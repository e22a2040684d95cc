/**
 * Tests of the dashboard's users store and its first start.
 */
package io.paytally.dashboard.security;
