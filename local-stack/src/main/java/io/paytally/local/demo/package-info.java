/**
 * {@code paytally demo}: the embedded stack plays a business day and checks the outcome.
 */
package io.paytally.local.demo;
