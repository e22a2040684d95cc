package io.paytally.batch.statement;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import io.paytally.schemas.Yuan;
import io.paytally.batch.internal.Beijing;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;

/**
 * What the template {@code templates/statement/statement.html.mustache} shows: the
 * statement's totals, its classes, two bar charts and every difference grouped by class,
 * amounts as yuan text computed exactly from fen, times in Beijing time. Escaping is the
 * template engine's.
 */
record StatementPage(String mchid, String billDate, String generatedAt, List<Total> totals, List<ClassRow> classes,
		Chart classChart, Chart hourChart, List<Section> sections, boolean noDifferences) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/**
	 * The page of a statement.
	 * @param s the statement
	 * @param amountByHour the bill's settled amount per hour of the day, in fen
	 * @param differences opens the differences of a class when the page reaches them
	 */
	static StatementPage of(DailyStatement s, long[] amountByHour,
			Function<DifferenceClass, Iterator<Difference>> differences) {
		List<Total> totals = List.of(new Total("账单支付笔数", "Bill payments", Long.toString(s.billPaymentCount())),
				new Total("账单订单金额", "Bill order amount", yuan(s.billOrderAmount())),
				new Total("账单代金券金额", "Bill coupon amount", yuan(s.billCouponAmount())),
				new Total("账单应结订单金额", "Bill settled amount", yuan(s.billSettledAmount())),
				new Total("账单退款笔数", "Bill refunds", Long.toString(s.billRefundCount())),
				new Total("账单申请退款金额", "Bill refund requested", yuan(s.billRefundRequestedAmount())),
				new Total("账单退款金额", "Bill refunded amount", yuan(s.billRefundAmount())),
				new Total("账单充值券退款金额", "Bill recharge coupon refunds", yuan(s.billRechargeCouponRefundAmount())),
				new Total("账单手续费", "Bill fees", Yuan.ofMilliFen(s.billFeesMilliFen())),
				new Total("净结算金额", "Net settlement", Yuan.ofMilliFen(s.netSettlementMilliFen())),
				new Total("本地支付笔数", "Local payments", Long.toString(s.localPaymentCount())),
				new Total("本地实付金额", "Local paid amount", yuan(s.localPaidAmount())),
				new Total("对平笔数", "Matched payments", Long.toString(s.matchedCount())),
				new Total("对平金额", "Matched amount", yuan(s.matchedAmount())),
				new Total("无法读取的账单行", "Rejected bill lines", Long.toString(s.rejectedLines())),
				new Total("已补单", "Repairs sent", Long.toString(s.repairsSent())));
		List<ClassRow> classes = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		List<Long> counts = new ArrayList<>();
		List<Section> sections = new ArrayList<>();
		for (DailyStatement.ClassTotal c : s.differences()) {
			ClassText text = ClassText.of(c.differenceClass());
			boolean difference = c.differenceClass() != DifferenceClass.MATCHED;
			classes.add(new ClassRow(c.differenceClass().name(), text.zh(), text.en(), c.count(), yuan(c.amount()),
					difference && c.count() > 0, text.actionZh(), text.actionEn()));
			if (difference) {
				labels.add(text.zh());
				counts.add(c.count());
				if (c.count() > 0) {
					sections.add(new Section(c.differenceClass().name(), text, c.count(), yuan(c.amount()),
							() -> map(differences.apply(c.differenceClass()))));
				}
			}
		}
		List<String> hours = new ArrayList<>();
		List<Long> amounts = new ArrayList<>();
		for (int h = 0; h < 24; h++) {
			hours.add(String.format("%02d", h));
			amounts.add(amountByHour[h]);
		}
		return new StatementPage(s.mchid(), s.billDate().toString(), time(Beijing.local(s.generatedAt())), totals,
				classes, Chart.of("差异笔数（按类别） Differences by class (count)", labels, counts, false),
				Chart.of("按小时的应结金额（元） Settled amount by hour of the day (yuan)", hours, amounts, true), sections,
				sections.isEmpty());
	}

	private static Iterator<Row> map(Iterator<Difference> differences) {
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return differences.hasNext();
			}

			@Override
			public Row next() {
				return Row.of(differences.next());
			}

		};
	}

	/** Fen as yuan with two decimals, exactly; {@code null} as an empty text. */
	static String yuan(Long fen) {
		return (fen != null) ? Yuan.of(fen) : "";
	}

	static String time(LocalDateTime beijing) {
		return (beijing != null) ? TIME.format(beijing) : "";
	}

	record Total(String zh, String en, String value) {

	}

	record ClassRow(String code, String zh, String en, long count, String amount, boolean bad, String actionZh,
			String actionEn) {

	}

	/** The differences of one class; its rows are read when the template reaches them. */
	record Section(String code, ClassText text, long count, String amount, RowSource source) {

		Iterator<Row> rows() {
			return this.source.open();
		}

	}

	interface RowSource {

		Iterator<Row> open();

	}

	/** One difference as shown: order numbers, Beijing times, amounts in yuan. */
	record Row(String outTradeNo, String outRefundNo, String merchantOrderNo, String relatedOutTradeNo,
			String transactionId, String billTime, String billState, String billAmount, String billRefundAmount,
			String localStatus, String localAmount, String localPaidAmount, String localPaidAt,
			String localRefundAmount, String localRefundStatus) {

		static Row of(Difference d) {
			return new Row(d.outTradeNo(), d.outRefundNo(), d.merchantOrderNo(), d.relatedOutTradeNo(),
					d.transactionId(), time(d.billTime()), d.billState(), yuan(d.billAmount()),
					yuan(d.billRefundAmount()), d.localStatus(), yuan(d.localAmount()), yuan(d.localPaidAmount()),
					time(d.localPaidAt()), yuan(d.localRefundAmount()), d.localRefundStatus());
		}

	}

	/** An inline SVG bar chart, laid out here, drawn by the template. */
	record Chart(String title, int width, int height, int axisY, int axisEnd, List<Bar> bars) {

		private static final int WIDTH = 760;

		private static final int BAR_AREA = 200;

		private static final int LEFT = 10;

		static Chart of(String title, List<String> labels, List<Long> values, boolean money) {
			int slot = (WIDTH - 2 * LEFT) / Math.max(1, labels.size());
			long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
			List<Bar> bars = new ArrayList<>();
			for (int i = 0; i < labels.size(); i++) {
				long value = values.get(i);
				int height = (int) ((Math.max(0, value) * BAR_AREA + max / 2) / max);
				int x = LEFT + i * slot + slot / 8;
				int w = Math.max(2, slot * 3 / 4);
				String shown = money ? yuan(value) : Long.toString(value);
				bars.add(new Bar(x, 20 + BAR_AREA - height, w, height, x + w / 2, 15 + BAR_AREA - height, BAR_AREA + 36,
						labels.get(i), (money && value == 0) ? "" : shown, labels.get(i) + ": " + shown,
						(labels.size() > 12) ? 10 : 9));
			}
			return new Chart(title, WIDTH, BAR_AREA + 70, 20 + BAR_AREA, WIDTH - LEFT, bars);
		}

	}

	record Bar(int x, int y, int width, int height, int middle, int valueY, int labelY, String label, String value,
			String tooltip, int fontSize) {

	}

}
