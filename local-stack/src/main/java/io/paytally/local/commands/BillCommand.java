package io.paytally.local.commands;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import io.paytally.batch.bill.BillCheck;
import io.paytally.local.cli.ExitCodes;

/**
 * {@code paytally bill}: WeChat Pay trade bill files handled by hand.
 */
@Command(name = "bill", description = "Work with a WeChat Pay trade bill file (needs no database).")
public final class BillCommand implements Callable<Integer> {

	@Spec
	private CommandSpec command;

	@Override
	public Integer call() {
		throw new ParameterException(this.command.commandLine(), "bill needs a command: check FILE");
	}

	/**
	 * {@code paytally bill check FILE}: an ALL, SUCCESS or REFUND bill, plain or gzip, as
	 * finance gets it from the merchant platform, read with the statement's own parser.
	 */
	@Command(name = "check",
			description = {
					"Check an ALL, SUCCESS or REFUND trade bill, plain or gzip: print its rows' totals, the "
							+ "rejected lines with their line numbers and whether the bill's summary holds.",
					ExitCodes.BILL_CHECK_HELP })
	public static final class Check implements Callable<Integer> {

		private final PrintStream out;

		@Spec
		private CommandSpec command;

		@Parameters(paramLabel = "FILE", description = "The bill file.")
		Path file;

		public Check(PrintStream out) {
			this.out = out;
		}

		@Override
		public Integer call() {
			if (!Files.isRegularFile(this.file)) {
				throw new ParameterException(this.command.commandLine(), "No bill file " + this.file);
			}
			return BillCheck.run(this.file, this.out);
		}

	}

}
