package io.paytally.local.commands;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.TypeConversionException;

import io.paytally.local.cli.ExitCodes;
import io.paytally.local.cli.SpringProperties;
import io.paytally.local.service.Service;

/**
 * {@code paytally statement}: runs the daily statement of a date in batch-jobs' command
 * mode and ends with its exit code.
 */
@Command(name = "statement", sortOptions = false, footer = { "", SpringProperties.HELP },
		description = { "Run the daily statement for a date and exit: " + ExitCodes.STATEMENT_HELP + ".",
				"Takes the options of batch as well." })
public final class StatementCommand implements Callable<Integer> {

	@Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
			description = "The bill date (default: yesterday, Beijing time).")
	LocalDate date;

	@Mixin
	ServiceOptions options;

	@Spec
	private CommandSpec command;

	@Unmatched
	private List<String> unmatched = new ArrayList<>();

	/** batch-jobs' properties from the command line. */
	Map<String, Object> properties() {
		return this.options.properties(Service.BATCH, SpringProperties.of(this.unmatched, this.command));
	}

	/** batch-jobs' command: the job and the date and merchant asked for. */
	List<String> command() {
		List<String> command = new ArrayList<>(List.of("dailyStatement"));
		if (this.date != null) {
			command.add("--date=" + this.date);
		}
		if (this.options.mchid != null) {
			command.add("--mchid=" + this.options.mchid);
		}
		return command;
	}

	@Override
	public Integer call() {
		return Commands.runStatement(properties(), command());
	}

	/** A date written as ISO-8601, 2026-11-21. */
	static final class DateConverter implements ITypeConverter<LocalDate> {

		@Override
		public LocalDate convert(String value) {
			try {
				return LocalDate.parse(value.trim());
			}
			catch (DateTimeParseException ex) {
				throw new TypeConversionException("'" + value + "' is not a date like 2026-11-21");
			}
		}

	}

}
