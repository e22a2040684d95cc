/**
 * The topic contracts: the catalog of topics and the records that travel on them.
 */
package io.paytally.schemas;
