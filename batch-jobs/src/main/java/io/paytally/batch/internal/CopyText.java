package io.paytally.batch.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Builds rows in PostgreSQL's {@code COPY ... FROM STDIN} text format: tab-separated,
 * {@code \N} for null, backslash escapes.
 */
public final class CopyText {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final StringBuilder text;

	private boolean rowStarted;

	public CopyText(int capacity) {
		this.text = new StringBuilder(capacity);
	}

	public CopyText add(String value) {
		separate();
		if (value == null) {
			this.text.append("\\N");
			return this;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				default -> this.text.append(c);
			}
		}
		return this;
	}

	public CopyText add(long value) {
		separate();
		this.text.append(value);
		return this;
	}

	public CopyText add(Long value) {
		return (value != null) ? add(value.longValue()) : add((String) null);
	}

	public CopyText add(LocalDate value) {
		return add((value != null) ? value.toString() : null);
	}

	public CopyText add(LocalDateTime value) {
		return add((value != null) ? TIMESTAMP.format(value) : null);
	}

	public CopyText endRow() {
		this.text.append('\n');
		this.rowStarted = false;
		return this;
	}

	private void separate() {
		if (this.rowStarted) {
			this.text.append('\t');
		}
		this.rowStarted = true;
	}

	public boolean isEmpty() {
		return this.text.isEmpty();
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
