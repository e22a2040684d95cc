/**
 * The scenario that plays a business day through the intake API and the sandbox, and
 * compares paytally's answer with WeChat's truth.
 */
package io.paytally.local.scenario;
