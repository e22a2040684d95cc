/**
 * The dashboard's views of the state topics, kept in persistent Kafka Streams stores and
 * read through interactive queries.
 */
package io.paytally.dashboard.view;
