package io.paytally.local.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import io.paytally.local.cli.SpringProperties;
import io.paytally.local.service.Service;
import io.paytally.local.service.ServiceLauncher;

/**
 * {@code ingest}, {@code stream}, {@code batch}, {@code dashboard}: runs one service
 * until Ctrl-C.
 */
public abstract sealed class ServiceCommand implements Callable<Integer>
		permits ServiceCommand.Ingest, ServiceCommand.Stream, ServiceCommand.Batch, ServiceCommand.Dashboard {

	private final Service service;

	@Mixin
	ServiceOptions options;

	@Spec
	private CommandSpec command;

	@Unmatched
	private List<String> unmatched = new ArrayList<>();

	ServiceCommand(Service service) {
		this.service = service;
	}

	/** The service's properties from the command line. */
	Map<String, Object> properties() {
		Map<String, Object> properties = this.options.properties(this.service,
				SpringProperties.of(this.unmatched, this.command));
		if (this.service == Service.BATCH) {
			properties.putIfAbsent("paytally.batch.schedule.enabled", "true");
		}
		return properties;
	}

	@Override
	public Integer call() {
		return Commands.runUntilStopped(ServiceLauncher.start(this.service, properties()));
	}

	/** {@code paytally ingest}. */
	@Command(name = "ingest", sortOptions = false, footer = { "", SpringProperties.HELP },
			description = "Run notify-ingest alone (port 8081): WeChat Pay's callbacks in, "
					+ "verified notifications out to Kafka.")
	public static final class Ingest extends ServiceCommand {

		public Ingest() {
			super(Service.INGEST);
		}

	}

	/** {@code paytally stream}. */
	@Command(name = "stream", sortOptions = false, footer = { "", SpringProperties.HELP },
			description = "Run stream-app alone (port 8082): the payment state machine, "
					+ "expiries, active queries and the payment intake API.")
	public static final class Stream extends ServiceCommand {

		public Stream() {
			super(Service.STREAM);
		}

	}

	/** {@code paytally batch}. */
	@Command(name = "batch", sortOptions = false, footer = { "", SpringProperties.HELP },
			description = "Run batch-jobs alone in scheduled mode (port 8083): the daily statement every morning.")
	public static final class Batch extends ServiceCommand {

		public Batch() {
			super(Service.BATCH);
		}

	}

	/** {@code paytally dashboard}. */
	@Command(name = "dashboard", sortOptions = false, footer = { "", SpringProperties.HELP },
			description = "Run the dashboard alone (port 8084): the operations and finance page, "
					+ "built from the topics only (give it --kafka; --data-dir for its stores and batch-jobs' reports).")
	public static final class Dashboard extends ServiceCommand {

		public Dashboard() {
			super(Service.DASHBOARD);
		}

	}

}
