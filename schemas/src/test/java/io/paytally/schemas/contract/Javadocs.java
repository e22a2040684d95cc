package io.paytally.schemas.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Javadoc of a record read from its source file: the main description and the
 * {@code @param} lines, so that the JSON Schemas carry the same words as the code.
 */
final class Javadocs {

	private static final Pattern BLOCK = Pattern
		.compile("/\\*\\*(.*?)\\*/\\s*(?:@\\w+\\s*)*public\\s+record\\s+(\\w+)\\(", Pattern.DOTALL);

	private static final Pattern KEY_LINK = Pattern.compile("\\{@link #key\\([^)]*\\)}");

	private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|link|linkplain)\\s+#?([^}]*)}");

	private Javadocs() {
	}

	/** The Javadoc of a record, or an empty one. */
	static Doc of(Class<?> record) {
		Class<?> top = record;
		while (top.getEnclosingClass() != null) {
			top = top.getEnclosingClass();
		}
		String source = Contracts
			.read(Contracts.moduleDir().resolve("src/main/java").resolve(top.getName().replace('.', '/') + ".java"));
		Matcher matcher = BLOCK.matcher(source);
		while (matcher.find()) {
			if (matcher.group(2).equals(record.getSimpleName())) {
				return parse(matcher.group(1));
			}
		}
		return new Doc("", Map.of());
	}

	private static Doc parse(String block) {
		StringBuilder text = new StringBuilder();
		for (String line : block.split("\n")) {
			text.append(line.replaceFirst("^\\s*\\*\\s?", "").trim()).append(' ');
		}
		String[] parts = text.toString().split("@param\\s+");
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i].trim();
			int space = part.indexOf(' ');
			params.put(part.substring(0, space), clean(part.substring(space + 1)));
		}
		return new Doc(clean(parts[0]), params);
	}

	private static String clean(String text) {
		String plain = KEY_LINK.matcher(text).replaceAll("its record key");
		plain = INLINE_TAG.matcher(plain).replaceAll("$1").replaceAll("<p>", "").replaceAll("\\s+", " ").trim();
		return plain;
	}

	/** A record's description and its components' descriptions by component name. */
	record Doc(String description, Map<String, String> params) {

	}

}
