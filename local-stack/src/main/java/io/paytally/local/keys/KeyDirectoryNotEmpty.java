package io.paytally.local.keys;

import java.nio.file.Path;
import java.util.List;

/**
 * Key generation was asked for a directory that already holds files: nothing was written,
 * every file there is left as it was.
 */
public class KeyDirectoryNotEmpty extends RuntimeException {

	private final transient Path directory;

	private final List<String> entries;

	public KeyDirectoryNotEmpty(Path directory, List<String> entries) {
		super(directory + " is not empty (" + String.join(", ", entries)
				+ "): keys are generated only into an empty directory, so nothing was written and every file there"
				+ " is left as it was");
		this.directory = directory;
		this.entries = List.copyOf(entries);
	}

	public Path directory() {
		return this.directory;
	}

	public List<String> entries() {
		return this.entries;
	}

}
