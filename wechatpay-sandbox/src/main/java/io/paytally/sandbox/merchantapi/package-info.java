/**
 * WeChat Pay's merchant API at its real paths: requests verified, replies signed.
 */
package io.paytally.sandbox.merchantapi;
