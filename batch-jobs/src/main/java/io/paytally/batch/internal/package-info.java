/**
 * Helpers of the daily statement: schema migrations, database dialects, Beijing time,
 * progress logs, Kafka clients.
 */
package io.paytally.batch.internal;
