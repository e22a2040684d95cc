/**
 * How long a finished order stays in stream-app's store and on the compacted topics, and
 * when it is retired from them.
 */
package io.paytally.stream.retention;
