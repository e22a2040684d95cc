package io.paytally.batch;

import java.util.Map;

import io.paytally.testkit.TestDatabase;

/**
 * Merchants in parallel on PostgreSQL, the production database (the testkit's
 * {@link TestDatabase}).
 */
class MerchantsInParallelPostgresIT extends MerchantsInParallelTests {

	private TestDatabase database;

	@Override
	Map<String, ?> database() {
		this.database = TestDatabase.create();
		return this.database.springProperties();
	}

	@Override
	void closeDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

}
