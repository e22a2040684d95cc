/**
 * WeChat's trade bill: fetched through the SDK, verified, and parsed line by line.
 */
package io.paytally.batch.bill;
