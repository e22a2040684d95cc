/**
 * The commands for daily use, one picocli {@code @Command} each: a service alone, a
 * statement, a bill file checked by hand, the topics, the key files.
 */
package io.paytally.local.commands;
