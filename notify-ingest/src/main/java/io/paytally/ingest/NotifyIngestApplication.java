package io.paytally.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts notify-ingest.
 */
@SpringBootApplication
public class NotifyIngestApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotifyIngestApplication.class, args);
	}

}
