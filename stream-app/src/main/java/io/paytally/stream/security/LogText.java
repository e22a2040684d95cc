package io.paytally.stream.security;

/** Request text fit for a log line: line breaks and control characters escaped, cut. */
final class LogText {

	private static final int MAX = 128;

	private LogText() {
	}

	static String escape(String value) {
		if (value == null) {
			return null;
		}
		int length = Math.min(value.length(), MAX);
		StringBuilder escaped = new StringBuilder(length + 8);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\r' -> escaped.append("\\r");
				case '\n' -> escaped.append("\\n");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		if (value.length() > MAX) {
			escaped.append("...");
		}
		return escaped.toString();
	}

}
