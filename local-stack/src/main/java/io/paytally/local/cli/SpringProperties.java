package io.paytally.local.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The Spring properties of a command that starts a service: every
 * {@code --some.spring.property=value} (a name with a dot, and {@code =}) that the
 * command does not declare is handed to the service unchanged. A command that takes them
 * collects what it does not match with picocli's {@code @Unmatched}; anything else there
 * is refused by name.
 */
public final class SpringProperties {

	/** The line of help of a command that takes them. */
	public static final String HELP = "Any further --some.spring.property=value is passed to the service as it is.";

	private SpringProperties() {
	}

	/**
	 * The Spring properties among the arguments a command did not match, in their order.
	 * @param unmatched the arguments {@code command} did not match
	 * @param command the command
	 * @throws UnmatchedArgumentException naming every argument that is not a
	 * {@code --name.with.dot=value}
	 */
	public static Map<String, String> of(List<String> unmatched, CommandSpec command) {
		Map<String, String> properties = new LinkedHashMap<>();
		List<String> refused = new ArrayList<>();
		for (String arg : unmatched) {
			int equals = arg.indexOf('=');
			String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : "";
			if (name.contains(".") && !name.startsWith(".") && !name.endsWith(".")) {
				properties.put(name, arg.substring(equals + 1));
			}
			else {
				refused.add(arg);
			}
		}
		if (!refused.isEmpty()) {
			throw new UnmatchedArgumentException(command.commandLine(), refused);
		}
		return properties;
	}

}
