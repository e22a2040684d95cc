package io.paytally.schemas.contract;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsDocTest {

	@Test
	void committedTopicsDocIsUpToDate() {
		String generated = TopicsDoc.generate();
		if (Contracts.writeMode()) {
			Contracts.write(Contracts.topicsDoc(), generated);
		}

		assertThat(Files.exists(Contracts.topicsDoc())).as("TOPICS.md is missing: run %s", Contracts.WRITE_HINT)
			.isTrue();
		assertThat(Contracts.read(Contracts.topicsDoc())).as("TOPICS.md is out of date: run %s", Contracts.WRITE_HINT)
			.isEqualTo(generated);
	}

}
