package io.paytally.dashboard.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.paytally.dashboard.view.Road;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.StatementRunStatus;
import io.paytally.schemas.SuggestedAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value the page names from the topics (anomaly types, difference classes, states,
 * suggested actions, run statuses, the roads of a payment) and every road and word of
 * WeChat the lookup derives ({@code road.*}, {@code wechat.*}) has its words in
 * Simplified Chinese and in English ({@code i18n.js}), so the language switch leaves no
 * raw name.
 */
class TranslationsTest {

	@Test
	void namesEveryValueOfTheTopicsInChineseAndEnglish() throws IOException {
		String words;
		try (InputStream in = getClass().getResourceAsStream("/dashboard-static/i18n.js")) {
			assertThat(in).as("dashboard-static/i18n.js").isNotNull();
			words = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		int english = words.indexOf("\ten: {");
		assertThat(english).as("the English words").isPositive();
		String chinese = words.substring(0, english);
		String inEnglish = words.substring(english);

		List<String> names = new ArrayList<>();
		for (Class<? extends Enum<?>> type : List.of(AnomalyType.class, PaymentStatus.class, SuggestedAction.class,
				StatementRunStatus.class, NotificationSource.class, DifferenceClass.class)) {
			for (Enum<?> value : type.getEnumConstants()) {
				// MATCHED is not shown: the page lists the differences only
				if (value != DifferenceClass.MATCHED) {
					names.add(value.name());
				}
			}
		}

		// the lookup's roads and WeChat's words, under their own prefixes
		for (Road.Way way : Road.Way.values()) {
			names.add("road." + way.name());
		}
		for (Road.Said said : Road.Said.values()) {
			names.add("wechat." + said.name());
		}

		assertThat(names).isNotEmpty().allSatisfy((name) -> {
			assertThat(chinese).as("Chinese for " + name).contains("'" + name + "':");
			assertThat(inEnglish).as("English for " + name).contains("'" + name + "':");
		});
	}

}
