package io.paytally.stream.security;

import java.util.Set;

/**
 * An authenticated caller: its name and the merchants it may act for. The instances' own
 * caller may act for every merchant, on the query hop only.
 *
 * @param name who it is
 * @param merchants the merchant ids it may act for
 * @param instance whether it is a stream-app instance on the query hop
 */
record ApiCaller(String name, Set<String> merchants, boolean instance) {

	static final String INSTANCE_NAME = "stream-app-instance";

	boolean mayActFor(String mchid) {
		return this.instance || this.merchants.contains(mchid);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
