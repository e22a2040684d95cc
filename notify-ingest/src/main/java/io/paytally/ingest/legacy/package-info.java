/**
 * Legacy WeChat Pay API v2 payment callbacks: hardened XML, MD5 or HMAC-SHA256 signature
 * with the merchant's API v2 key, XML answers.
 */
package io.paytally.ingest.legacy;
