/**
 * The commands for daily use: a service alone, a statement, the topics, the key files.
 */
package io.paytally.local.commands;
