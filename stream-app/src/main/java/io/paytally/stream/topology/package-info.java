/**
 * The Kafka Streams topology: the data flow from order events and WeChat's notifications
 * to order states, expiry checks, anomalies and statistics.
 */
package io.paytally.stream.topology;
