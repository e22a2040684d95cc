package io.paytally.batch.internal;

import java.sql.Connection;
import java.util.Locale;

import org.flywaydb.core.api.migration.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Flyway migration V1: Spring Batch's job repository tables, from the DDL script that
 * ships with Spring Batch for the database at hand, so that Flyway owns the whole schema.
 */
public final class BatchRepositorySchema extends VersionedJavaMigration {

	public BatchRepositorySchema() {
		super("1", "spring batch job repository");
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		String platform = Dialect.of(connection).batchPlatform();
		ScriptUtils.executeSqlScript(connection, new ClassPathResource(
				"org/springframework/batch/core/schema-" + platform.toLowerCase(Locale.ROOT) + ".sql"));
	}

}
