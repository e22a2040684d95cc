package io.paytally.dashboard.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement's row on the page: which days are marked as not reconciled cleanly, and the
 * amounts in yuan.
 */
class StatementRowTest {

	static final LocalDate DAY = LocalDate.of(2026, 11, 30);

	static DailyStatement statement(long rejectedLines, DailyStatement.ClassTotal... differences) {
		return new DailyStatement("1900000001", DAY, 10, 19990, 1, 1999, 119940, 10, 19990, 10, 19990, 17871060,
				List.of(differences), rejectedLines, 0, Instant.parse("2026-12-01T02:30:00Z"));
	}

	static DailyStatement.ClassTotal total(DifferenceClass differenceClass, long count, long amount) {
		return new DailyStatement.ClassTotal(differenceClass, count, amount);
	}

	@Test
	void marksADayCleanWhenEveryPaymentMatchedOrIsHeldOver() {
		Pages.Statement row = Pages.Statement.of(statement(0, total(DifferenceClass.MATCHED, 9, 17991),
				total(DifferenceClass.HELD_OVER, 1, 1999), total(DifferenceClass.AMOUNT_MISMATCH, 0, 0)), Map.of(),
				null);

		assertThat(row.clean()).isTrue();
		assertThat(row.billSettled()).isEqualTo("199.90");
		assertThat(row.fees()).isEqualTo("1.20");
		assertThat(row.netSettlement()).isEqualTo("178.71");
		assertThat(row.generatedAt()).isEqualTo("2026-12-01 10:30:00");
	}

	@Test
	void marksADayWithAnyDifferenceAsNotClean() {
		for (DifferenceClass differenceClass : DifferenceClass.values()) {
			if (differenceClass == DifferenceClass.MATCHED || differenceClass == DifferenceClass.HELD_OVER) {
				continue;
			}
			Pages.Statement row = Pages.Statement.of(
					statement(0, total(DifferenceClass.MATCHED, 9, 17991), total(differenceClass, 1, 1999)), Map.of(),
					null);

			assertThat(row.clean()).as(differenceClass.name()).isFalse();
			assertThat(row.differences()).as(differenceClass.name())
				.contains(new Pages.Difference(differenceClass.name(), 1, "19.99"));
		}
	}

	@Test
	void marksADayWithRejectedBillLinesAsNotClean() {
		Pages.Statement row = Pages.Statement.of(statement(2, total(DifferenceClass.MATCHED, 10, 19990)), Map.of(),
				null);

		assertThat(row.clean()).isFalse();
		assertThat(row.rejectedLines()).isEqualTo(2);
	}

}
