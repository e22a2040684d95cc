package io.paytally.local.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}, {@code --help} of a command (a picocli mixin).
 */
public final class HelpOption {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

}
