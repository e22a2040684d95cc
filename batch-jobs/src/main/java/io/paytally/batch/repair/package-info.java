/**
 * Repairs what is safe (a WeChat success we do not show as paid goes back to the stream
 * as a BILL notification) and reports the rest as anomalies.
 */
package io.paytally.batch.repair;
