/**
 * The pipeline's health as Kafka tells it: when each topic last got a record, and how far
 * behind the services' consumer groups are.
 */
package io.paytally.dashboard.health;
