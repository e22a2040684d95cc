package io.paytally.local.cli;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on the command line, as Spring reads one: {@code 90s}, {@code 4m},
 * {@code 500ms} or ISO-8601 {@code PT90S}. A bare number is refused: it would be read as
 * milliseconds, which nobody means on a command line.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		String text = value.trim();
		if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
			throw new TypeConversionException("'" + value + "' has no unit: give a duration like " + text + "s, " + text
					+ "m or PT" + text + "S");
		}
		try {
			Duration duration = DurationStyle.detectAndParse(text);
			if (duration.isNegative()) {
				throw new TypeConversionException("'" + value + "' is negative");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + value + "' is not a duration like 90s, 4m or PT90S");
		}
	}

}
