package io.paytally.local;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import picocli.CommandLine.ParseResult;

import io.paytally.local.demo.DemoCommand;

/**
 * paytally's logging (see {@code logback.xml}): Spring Boot's logging system is switched
 * off, since several contexts share the JVM and each would reset it. The demo logs to a
 * file and keeps the terminal for its progress; a service alone logs to the terminal.
 */
final class Logging {

	private Logging() {
	}

	static void configure(ParseResult parseResult) {
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		if (Dispatcher.commandOf(parseResult) instanceof DemoCommand demo) {
			System.setProperty("paytally.console.level", "OFF");
			System.setProperty("paytally.file.level", "INFO");
			System.setProperty("paytally.log.file", demo.dataDir().resolve("logs").resolve("paytally.log").toString());
		}
		else {
			System.setProperty("paytally.console.level", "INFO");
			System.setProperty("paytally.file.level", "OFF");
		}
		// Tomcat and others log through java.util.logging
		SLF4JBridgeHandler.removeHandlersForRootLogger();
		SLF4JBridgeHandler.install();
	}

	static void logFailure(Throwable ex) {
		LoggerFactory.getLogger(Paytally.class).error("Failed", ex);
	}

}
