/**
 * Merchant settings and the official WeChat Pay SDK's clients, pointed at WeChat or at
 * the sandbox by a base URL.
 */
package io.paytally.wechat;
