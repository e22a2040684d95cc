/**
 * The in-JVM KRaft broker of the demo and the creation of the catalog's topics.
 */
package io.paytally.local.kafka;
