package io.paytally.local.commands;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.paytally.local.keys.KeyDirectoryNotEmpty;
import io.paytally.local.keys.KeyFiles;
import io.paytally.local.keys.KeyFilesDisagree;

/**
 * {@code paytally keygen}: a trial's key files. Writes a new set into an empty (or
 * absent) directory only; keeps a complete set generated for the same ids; refuses,
 * writing nothing, when the set was generated for other ids ({@link KeyFilesDisagree}) or
 * the directory holds anything else, such as a real merchant's own files
 * ({@link KeyDirectoryNotEmpty}). An id given empty (an unset variable in docker compose)
 * counts as not given.
 */
@Command(name = "keygen", sortOptions = false,
		description = { "Write a trial's merchant and platform key files (docker compose's trial mode), only into an "
				+ "empty directory; keeps a set made for the same ids, never overwrites." })
public final class KeygenCommand implements Callable<Integer> {

	static final String DEFAULT_APPID = "wx0000000000demo01";

	static final String DEFAULT_PLATFORM_KEY_ID = "PUB_KEY_ID_0100000000000000000000000000";

	private final PrintStream out;

	@Option(names = "--out", paramLabel = "DIR", required = true, description = "The directory to write to.")
	Path dir;

	@Option(names = "--mchid", paramLabel = "MCHID",
			description = "The merchant (default: " + ServiceOptions.DEFAULT_MCHID + ").")
	String mchid;

	@Option(names = "--appid", paramLabel = "APPID",
			description = "The merchant's appid (default: " + DEFAULT_APPID + ").")
	String appid;

	@Option(names = "--serial-number", paramLabel = "SERIAL",
			description = "The serial number of the merchant's certificate (default: a random one).")
	String serialNumber;

	@Option(names = "--platform-key-id", paramLabel = "ID",
			description = "The id of WeChat Pay's public key (default: " + DEFAULT_PLATFORM_KEY_ID + ").")
	String platformKeyId;

	public KeygenCommand(PrintStream out) {
		this.out = out;
	}

	@Override
	public Integer call() {
		Optional<String> mchid = given(this.mchid);
		Optional<String> appid = given(this.appid);
		Optional<String> serial = given(this.serialNumber);
		Optional<String> keyId = given(this.platformKeyId);
		KeyFiles keys = new KeyFiles(this.dir);
		if (keys.exists() && keys.entries().size() == KeyFiles.NAMES.size()) {
			List<String> differences = keys.disagreements(mchid.orElse(null), appid.orElse(null), serial.orElse(null),
					keyId.orElse(null));
			if (!differences.isEmpty()) {
				throw new KeyFilesDisagree(this.dir, differences);
			}
			this.out.println("paytally: the trial key files of merchant " + keys.read(KeyFiles.MCHID) + " exist in "
					+ this.dir + " (kept)");
			return 0;
		}
		keys.generate(mchid.orElse(ServiceOptions.DEFAULT_MCHID), appid.orElse(DEFAULT_APPID),
				serial.orElseGet(KeyFiles::randomSerialNumber), keyId.orElse(DEFAULT_PLATFORM_KEY_ID));
		this.out.println("paytally: wrote the key files of merchant " + keys.read(KeyFiles.MCHID)
				+ " and of the platform to " + this.dir + " (private keys: keep them out of version control)");
		return 0;
	}

	private static Optional<String> given(String value) {
		return Optional.ofNullable(value).filter((text) -> !text.isBlank());
	}

}
