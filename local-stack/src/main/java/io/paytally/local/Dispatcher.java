package io.paytally.local;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

import io.paytally.local.cli.ExitCodes;
import io.paytally.local.cli.HelpOption;
import io.paytally.local.cli.SpringProperties;
import io.paytally.local.cli.UsageError;
import io.paytally.local.commands.BillCommand;
import io.paytally.local.commands.KeygenCommand;
import io.paytally.local.commands.SandboxCommand;
import io.paytally.local.commands.ServiceCommand;
import io.paytally.local.commands.StatementCommand;
import io.paytally.local.commands.TopicsCommand;
import io.paytally.local.demo.DemoCommand;

/**
 * Puts the {@code paytally} command line together: its commands, the help, and what an
 * error ends with (64 for a command line that cannot be run as written, 2 for a command
 * that failed).
 */
final class Dispatcher {

	/** The width of the help text. */
	static final int HELP_WIDTH = 100;

	private Dispatcher() {
	}

	/** The command line, printing to {@code out} and its errors to {@code err}. */
	static CommandLine commandLine(PrintStream out, PrintStream err) {
		CommandLine bill = new CommandLine(new BillCommand()).addSubcommand(new BillCommand.Check(out));
		CommandLine paytally = new CommandLine(new Paytally()).addSubcommand(new DemoCommand(out))
			.addSubcommand(new SandboxCommand())
			.addSubcommand(new ServiceCommand.Ingest())
			.addSubcommand(new ServiceCommand.Stream())
			.addSubcommand(new ServiceCommand.Batch())
			.addSubcommand(new ServiceCommand.Dashboard())
			.addSubcommand(new StatementCommand())
			.addSubcommand("bill", bill)
			.addSubcommand(new TopicsCommand(out))
			.addSubcommand(new KeygenCommand(out))
			.addSubcommand(new HelpCommand());
		withHelpOption(paytally);
		paytally.setOut(new PrintWriter(out, true));
		paytally.setErr(new PrintWriter(err, true));
		paytally.setUsageHelpWidth(HELP_WIDTH);
		paytally.setUsageHelpLongOptionsMaxWidth(30);
		paytally.setParameterExceptionHandler(usageError());
		paytally.setExecutionExceptionHandler(failure());
		paytally.setExecutionStrategy((parseResult) -> {
			ParseResult command = last(parseResult);
			SpringProperties.of(command.unmatched(), command.commandSpec());
			// before the first logger: several Spring contexts share this JVM's logging
			Logging.configure(parseResult);
			return new RunLast().execute(parseResult);
		});
		return paytally;
	}

	/** A command line that cannot be run as written: what is wrong, and where help is. */
	private static IParameterExceptionHandler usageError() {
		return (ex, args) -> {
			CommandLine command = ex.getCommandLine();
			PrintWriter err = command.getErr();
			err.println("paytally: " + ex.getMessage());
			UnmatchedArgumentException.printSuggestions(ex, err);
			err.println("Run " + helpOf(command) + " for its options.");
			err.flush();
			return ExitCodes.USAGE;
		};
	}

	/** A command that failed: 64 when it was asked for something impossible, else 2. */
	private static IExecutionExceptionHandler failure() {
		return (ex, command, parseResult) -> {
			PrintWriter err = command.getErr();
			if (ex instanceof UsageError) {
				err.println("paytally: " + ex.getMessage());
				err.println("Run " + helpOf(command) + " for its options.");
				err.flush();
				return ExitCodes.USAGE;
			}
			err.println(command.getCommandSpec().qualifiedName() + " failed: " + rootMessage(ex));
			err.flush();
			Logging.logFailure(ex);
			return ExitCodes.FAILED;
		};
	}

	private static String helpOf(CommandLine command) {
		return (command.getParent() == null) ? "./paytally help"
				: "./" + command.getCommandSpec().qualifiedName() + " --help";
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

	/** The command a parse result runs: the last subcommand. */
	static Object commandOf(ParseResult parseResult) {
		return last(parseResult).commandSpec().userObject();
	}

	private static ParseResult last(ParseResult parseResult) {
		ParseResult last = parseResult;
		while (last.hasSubcommand()) {
			last = last.subcommand();
		}
		return last;
	}

	/**
	 * {@code -h}, {@code --help} on every command but {@code help}, which has its own.
	 */
	private static void withHelpOption(CommandLine parent) {
		for (CommandLine command : parent.getSubcommands().values()) {
			if (!(command.getCommand() instanceof HelpCommand)) {
				command.addMixin("help", new HelpOption());
				withHelpOption(command);
			}
		}
	}

}
