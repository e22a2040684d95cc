package io.paytally.local.keys;

import java.nio.file.Path;
import java.util.List;

/**
 * A trial key directory was generated for other ids than the ones now configured (a
 * merchant id or key id changed in {@code .env} after {@code keygen} ran).
 */
public class KeyFilesDisagree extends RuntimeException {

	private final List<String> differences;

	public KeyFilesDisagree(Path directory, List<String> differences) {
		super("the key files in " + directory + " do not match the settings: " + String.join("; ", differences)
				+ ". Set the settings back, or remove the trial keys (docker compose --env-file trial.env down -v removes the trial-keys"
				+ " volume) to generate new ones");
		this.differences = List.copyOf(differences);
	}

	public List<String> differences() {
		return this.differences;
	}

}
