/**
 * Starting the services (sandbox, notify-ingest, stream-app, batch-jobs) as Spring
 * contexts in this JVM, each with its own configuration.
 */
package io.paytally.local.service;
