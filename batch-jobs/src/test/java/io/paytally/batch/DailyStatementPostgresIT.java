package io.paytally.batch;

import java.util.Map;

import io.paytally.batch.support.Databases;

/**
 * The daily statement on PostgreSQL, the production database.
 */
class DailyStatementPostgresIT extends DailyStatementJobTests {

	@Override
	Map<String, String> database() {
		return Databases.postgres();
	}

}
