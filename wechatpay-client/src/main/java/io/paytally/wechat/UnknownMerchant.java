package io.paytally.wechat;

/**
 * A merchant id paytally is not configured to serve.
 */
public class UnknownMerchant extends RuntimeException {

	private final String mchid;

	public UnknownMerchant(String mchid) {
		super("Merchant " + mchid + " is not served here");
		this.mchid = mchid;
	}

	public String mchid() {
		return this.mchid;
	}

}
