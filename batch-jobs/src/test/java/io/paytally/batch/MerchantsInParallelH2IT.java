package io.paytally.batch;

import java.util.Map;

import io.paytally.batch.support.Databases;

/**
 * Merchants in parallel on H2, the embedded default.
 */
class MerchantsInParallelH2IT extends MerchantsInParallelTests {

	@Override
	Map<String, String> database() {
		return Databases.h2();
	}

}
