/**
 * What every {@code paytally} command shares on the command line (picocli): the duration
 * converter, the Spring properties passed through to a service, the usage error, the exit
 * codes.
 */
package io.paytally.local.cli;
