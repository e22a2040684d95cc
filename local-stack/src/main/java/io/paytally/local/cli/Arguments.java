package io.paytally.local.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line after the command name: {@code --name value}, {@code --name=value} and
 * {@code --flag}. Options with a dot in their name ({@code --spring.kafka.x=y}) are
 * Spring properties handed to the services as they are. Every option read is remembered,
 * so that {@link #rejectUnknown()} can name the ones nobody asked for.
 */
public final class Arguments {

	private final String command;

	private final Map<String, String> options = new LinkedHashMap<>();

	private final Map<String, String> springProperties = new LinkedHashMap<>();

	private final List<String> positional = new ArrayList<>();

	private final Set<String> read = new LinkedHashSet<>();

	private Arguments(String command) {
		this.command = command;
	}

	/**
	 * Parses {@code <command> [options]}.
	 * @param args the arguments of {@code main}
	 * @param flags the options that take no value
	 */
	public static Arguments parse(String[] args, Set<String> flags) {
		if (args.length == 0) {
			return new Arguments("help");
		}
		Arguments parsed = new Arguments(args[0]);
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--") || arg.length() == 2) {
				parsed.positional.add(arg);
				continue;
			}
			String name = arg.substring(2);
			String value;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (flags.contains(name)) {
				value = "true";
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				value = args[++i];
			}
			else {
				throw new UsageError("--" + name + " needs a value");
			}
			if (name.contains(".")) {
				parsed.springProperties.put(name, value);
			}
			else {
				parsed.options.put(name, value);
			}
		}
		return parsed;
	}

	/** The command: {@code demo}, {@code stream}, ... */
	public String command() {
		return this.command;
	}

	/** Options with a dot in their name, given to the services as Spring properties. */
	public Map<String, String> springProperties() {
		return Map.copyOf(this.springProperties);
	}

	public Optional<String> string(String name) {
		this.read.add(name);
		return Optional.ofNullable(this.options.get(name)).filter((value) -> !value.isBlank());
	}

	public String string(String name, String fallback) {
		return string(name).orElse(fallback);
	}

	public int integer(String name, int fallback) {
		return string(name).map((value) -> parseInt(name, value)).orElse(fallback);
	}

	public long longValue(String name, long fallback) {
		return string(name).map((value) -> {
			try {
				return Long.parseLong(value.trim());
			}
			catch (NumberFormatException ex) {
				throw new UsageError("--" + name + " must be a number, was " + value);
			}
		}).orElse(fallback);
	}

	public boolean flag(String name) {
		return string(name).map(Boolean::parseBoolean).orElse(false);
	}

	public Optional<Path> path(String name) {
		return string(name).map(Path::of);
	}

	public Optional<LocalDate> date(String name) {
		return string(name).map((value) -> {
			try {
				return LocalDate.parse(value.trim());
			}
			catch (DateTimeParseException ex) {
				throw new UsageError("--" + name + " must be a date like 2026-11-21, was " + value);
			}
		});
	}

	/** Arguments that are not options. */
	public List<String> positional() {
		return List.copyOf(this.positional);
	}

	/** Refuses options that the command did not read. */
	public void rejectUnknown() {
		List<String> unknown = this.options.keySet().stream().filter((name) -> !this.read.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new UsageError("Unknown option" + ((unknown.size() > 1) ? "s" : "") + " for " + this.command + ": --"
					+ String.join(", --", unknown));
		}
		if (!this.positional.isEmpty()) {
			throw new UsageError("Unexpected argument for " + this.command + ": " + String.join(" ", this.positional));
		}
	}

	private static int parseInt(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new UsageError("--" + name + " must be a whole number, was " + value);
		}
	}

}
