package io.paytally.ingest.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while attached, as text (message, exception class, message and
 * stack), for asserting what logs must never hold.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	public static CapturedLogs attach() {
		CapturedLogs logs = new CapturedLogs();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		logs.setContext(context);
		logs.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
		return logs;
	}

	@Override
	protected void append(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ')
			.append(event.getLevel())
			.append(' ')
			.append(event.getFormattedMessage());
		for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
			text.append(" | ").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
			for (StackTraceElementProxy element : proxy.getStackTraceElementProxyArray()) {
				text.append(' ').append(element.getSTEAsString());
			}
		}
		this.lines.add(text.toString());
		this.events.add(event);
	}

	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	public List<ILoggingEvent> events() {
		return List.copyOf(this.events);
	}

	@Override
	public void close() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
		stop();
	}

}
