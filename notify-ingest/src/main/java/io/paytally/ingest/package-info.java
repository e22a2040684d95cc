/**
 * The HTTP edge that turns verified WeChat Pay callbacks into Kafka records.
 */
package io.paytally.ingest;
