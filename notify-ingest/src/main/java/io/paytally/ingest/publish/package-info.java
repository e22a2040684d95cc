/**
 * Writing verified notifications to Kafka: an idempotent {@code acks=all} producer, a
 * bounded wait for the acknowledgement, the catalog's topics, and readiness.
 */
package io.paytally.ingest.publish;
