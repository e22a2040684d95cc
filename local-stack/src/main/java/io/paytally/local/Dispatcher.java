package io.paytally.local;

import java.io.PrintStream;

import io.paytally.local.cli.Arguments;
import io.paytally.local.cli.Help;
import io.paytally.local.cli.UsageError;
import io.paytally.local.commands.Commands;
import io.paytally.local.demo.DemoCommand;
import io.paytally.local.service.Service;

/**
 * Runs the command a command line names.
 */
final class Dispatcher {

	private Dispatcher() {
	}

	static int dispatch(Arguments args, PrintStream out) {
		return switch (args.command()) {
			case "demo" -> new DemoCommand(out).run(args);
			case "sandbox" -> Commands.sandbox(args);
			case "ingest" -> Commands.service(Service.INGEST, args);
			case "stream" -> Commands.service(Service.STREAM, args);
			case "batch" -> Commands.service(Service.BATCH, args);
			case "statement" -> Commands.statement(args);
			case "topics" -> Commands.topics(args, out);
			case "keygen" -> Commands.keygen(args, out);
			case "help", "--help", "-h" -> {
				out.print(Help.TEXT);
				yield 0;
			}
			default -> throw new UsageError("Unknown command '" + args.command() + "'");
		};
	}

}
