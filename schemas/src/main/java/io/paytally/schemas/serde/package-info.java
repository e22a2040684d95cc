/**
 * JSON serdes of the topic records, for Kafka Streams and Spring Kafka alike.
 */
package io.paytally.schemas.serde;
