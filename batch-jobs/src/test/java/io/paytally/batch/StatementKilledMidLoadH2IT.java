package io.paytally.batch;

import java.nio.file.Path;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The statement command killed mid-load on the H2 file database, the default: the killed
 * JVM held the database, so the restart also finds the file as a crash left it. The test
 * reads it through H2's automatic mixed mode ({@code AUTO_SERVER}).
 */
class StatementKilledMidLoadH2IT extends StatementKilledMidLoadTests {

	private String url;

	private SingleConnectionDataSource dataSource;

	@Override
	String databaseUrl(Path files) {
		this.url = "jdbc:h2:file:" + files.resolve("data/db/paytally").toAbsolutePath() + ";AUTO_SERVER=TRUE";
		return this.url;
	}

	@Override
	String databaseUser() {
		return "sa";
	}

	@Override
	String databasePassword() {
		return "";
	}

	@Override
	JdbcTemplate jdbc() {
		if (this.dataSource == null) {
			// never creates the database: the command does
			this.dataSource = new SingleConnectionDataSource(this.url + ";IFEXISTS=TRUE", "sa", "", true);
		}
		return new JdbcTemplate(this.dataSource);
	}

	@Override
	void releaseDatabase() {
		if (this.dataSource != null) {
			this.dataSource.destroy();
			this.dataSource = null;
		}
	}

}
