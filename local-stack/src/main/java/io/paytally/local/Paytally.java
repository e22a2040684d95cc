package io.paytally.local;

import java.io.PrintStream;
import java.util.Set;

import io.paytally.local.cli.Arguments;
import io.paytally.local.cli.Help;
import io.paytally.local.cli.UsageError;

/**
 * The {@code paytally} command line: runs the embedded stack ({@code demo}) and its
 * parts. See {@link Help}.
 */
public final class Paytally {

	/** Exit code of a command line that cannot be run as written. */
	static final int USAGE = 64;

	/** Exit code of a command that failed. */
	static final int FAILED = 2;

	private static final Set<String> FLAGS = Set.of("keep-running", "force", "help");

	private Paytally() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs a command line; its exit code. */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Arguments arguments;
		try {
			arguments = Arguments.parse(args, FLAGS);
		}
		catch (UsageError ex) {
			err.println("paytally: " + ex.getMessage());
			return USAGE;
		}
		// before the first logger: several Spring contexts share this JVM's logging
		Logging.configure(arguments);
		try {
			return Dispatcher.dispatch(arguments, out);
		}
		catch (UsageError ex) {
			err.println("paytally: " + ex.getMessage());
			err.println("Run ./paytally help for the commands and their options.");
			return USAGE;
		}
		catch (RuntimeException ex) {
			err.println("paytally " + arguments.command() + " failed: " + rootMessage(ex));
			Logging.logFailure(ex);
			return FAILED;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
			if (root.getMessage() != null && !message.toString().contains(root.getMessage())) {
				message.append(": ").append(root.getMessage());
			}
		}
		return message.toString();
	}

}
