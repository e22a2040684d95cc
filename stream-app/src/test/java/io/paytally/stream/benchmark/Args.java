package io.paytally.stream.benchmark;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code --name value} arguments.
 */
final class Args {

	private final Map<String, String> values = new HashMap<>();

	Args(String[] args) {
		for (int i = 0; i + 1 < args.length; i += 2) {
			this.values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
	}

	long get(String name, long defaultValue) {
		return this.values.containsKey(name) ? Long.parseLong(this.values.get(name).replace("_", "")) : defaultValue;
	}

}
