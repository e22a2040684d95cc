/**
 * Command-line parsing and the help text of the {@code paytally} command.
 */
package io.paytally.local.cli;
