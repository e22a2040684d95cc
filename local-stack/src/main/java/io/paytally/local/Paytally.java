package io.paytally.local;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import io.paytally.local.cli.ExitCodes;
import io.paytally.local.cli.HelpOption;

/**
 * The {@code paytally} command line (picocli): runs the embedded stack ({@code demo}) and
 * its parts. {@link Dispatcher} puts the commands together.
 */
@Command(name = "paytally", synopsisSubcommandLabel = "COMMAND",
		description = "Keeps a merchant's WeChat Pay orders truthful.", commandListHeading = "%nCommands:%n",
		footer = { "", "Run ./paytally help COMMAND (or ./paytally COMMAND --help) for a command's options.",
				"Without options, the services read their own files and the environment",
				"(SPRING_KAFKA_BOOTSTRAP_SERVERS, SPRING_DATASOURCE_URL, PAYTALLY_WECHAT_BASE_URL,",
				"PAYTALLY_WECHAT_MERCHANTS_0_MCHID, ...).", ExitCodes.HELP })
public final class Paytally implements Callable<Integer> {

	@Spec
	private CommandSpec command;

	@Mixin
	HelpOption help;

	public static void main(String[] args) {
		// the jar carries testkit (the in-JVM Kafka) and with it a logback-test.xml,
		// which
		// logback would prefer to paytally's own logback.xml
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "logback.xml");
		}
		System.exit(run(args, System.out, System.err));
	}

	/** Runs a command line; its exit code. */
	static int run(String[] args, PrintStream out, PrintStream err) {
		return Dispatcher.commandLine(out, err).execute(args);
	}

	/** Without a command: the help. */
	@Override
	public Integer call() {
		this.command.commandLine().usage(this.command.commandLine().getOut());
		return 0;
	}

}
