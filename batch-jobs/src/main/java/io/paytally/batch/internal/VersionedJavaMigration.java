package io.paytally.batch.internal;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway Java migration registered by instance rather than found by class name, with
 * the version and description it has always been recorded under, run in the migration's
 * transaction and without a checksum.
 */
abstract class VersionedJavaMigration implements JavaMigration {

	private final MigrationVersion version;

	private final String description;

	VersionedJavaMigration(String version, String description) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
	}

	@Override
	public final MigrationVersion getVersion() {
		return this.version;
	}

	@Override
	public final String getDescription() {
		return this.description;
	}

	@Override
	public final Integer getChecksum() {
		return null;
	}

	@Override
	public final boolean canExecuteInTransaction() {
		return true;
	}

}
