package io.paytally.wechat;

import java.util.List;

/**
 * A merchant's settings name key files that are missing or unreadable: the service
 * refuses to start, naming each of them.
 */
public class MerchantKeyFileMissing extends IllegalStateException {

	private final String mchid;

	private final List<String> files;

	public MerchantKeyFileMissing(String mchid, List<String> files) {
		super("Merchant " + mchid + " cannot be served: its " + String.join("; its ", files)
				+ ". Put the merchant's own files there (see the README, \"Configuring real merchants\")"
				+ " or correct the paytally.wechat.merchants settings");
		this.mchid = mchid;
		this.files = List.copyOf(files);
	}

	public String mchid() {
		return this.mchid;
	}

	/** Each file, as {@code <setting> <path> does not exist} (or is not readable). */
	public List<String> files() {
		return this.files;
	}

}
