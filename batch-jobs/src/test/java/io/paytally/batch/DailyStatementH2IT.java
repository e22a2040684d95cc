package io.paytally.batch;

import java.util.Map;

import io.paytally.batch.support.Databases;

/**
 * The daily statement on H2, the embedded default.
 */
class DailyStatementH2IT extends DailyStatementJobTests {

	@Override
	Map<String, String> database() {
		return Databases.h2();
	}

}
