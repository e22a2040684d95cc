/**
 * Helpers of stream-app: settings, Kafka Streams configuration, dead letters.
 */
package io.paytally.stream.internal;
