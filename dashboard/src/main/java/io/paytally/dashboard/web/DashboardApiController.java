package io.paytally.dashboard.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.paytally.dashboard.DashboardSettings;
import io.paytally.dashboard.view.MinuteFigures;
import io.paytally.dashboard.view.OrderView;
import io.paytally.dashboard.view.Views;
import io.paytally.dashboard.view.ViewsNotReadyException;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.StatementRun;

/**
 * The page's JSON: the overview (per minute, open orders, due for expiry), anomalies,
 * order lookup and statements. {@code mchid} narrows to one merchant; without it, all.
 */
@RestController
@RequestMapping("/api")
class DashboardApiController {

	private static final int MAX_ANOMALIES = 500;

	private final Views views;

	private final DashboardSettings settings;

	private final Clock clock;

	DashboardApiController(Views views, DashboardSettings settings, Clock clock) {
		this.views = views;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping("/overview")
	Pages.Overview overview(@RequestParam(required = false) String mchid) {
		String merchant = blankToNull(mchid);
		Instant now = this.clock.instant();
		Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
		Instant from = to.minus(this.settings.chartSpan());
		List<MinuteFigures> minutes = this.views.perMinute(merchant, from, to);
		List<Pages.Minute> rows = new ArrayList<>();
		minutes.forEach((minute) -> rows.add(Pages.Minute.of(minute)));
		Views.DueOrders due = this.views.dueForExpiry(merchant, now, now.plus(this.settings.dueWithin()), 20);
		List<Pages.DueRow> soonest = new ArrayList<>();
		due.soonest().forEach((order) -> soonest.add(Pages.DueRow.of(order)));
		return new Pages.Overview(Pages.now(now), merchant, List.copyOf(this.views.merchants()), rows,
				Pages.Totals.of(minutes), this.views.ordersByStatus(merchant),
				new Pages.Due(due.count(), this.settings.dueWithin().toMinutes(), soonest));
	}

	@GetMapping("/anomalies")
	Pages.Anomalies anomalies(@RequestParam(required = false) String type, @RequestParam(required = false) String mchid,
			@RequestParam(defaultValue = "100") int limit) {
		String merchant = blankToNull(mchid);
		AnomalyType anomalyType = (blankToNull(type) != null) ? AnomalyType.valueOf(type) : null;
		List<Pages.AnomalyRow> rows = new ArrayList<>();
		for (PaymentAnomaly anomaly : this.views.anomalies(anomalyType, merchant,
				Math.max(1, Math.min(limit, MAX_ANOMALIES)))) {
			rows.add(Pages.AnomalyRow.of(anomaly));
		}
		Map<String, Long> counts = new LinkedHashMap<>();
		long total = 0;
		for (Map.Entry<AnomalyType, Long> count : this.views.anomalyCounts(merchant).entrySet()) {
			counts.put(count.getKey().name(), count.getValue());
			total += count.getValue();
		}
		return new Pages.Anomalies(counts, total, rows);
	}

	@GetMapping("/orders")
	List<Pages.Order> orders(@RequestParam String number) {
		List<Pages.Order> orders = new ArrayList<>();
		for (OrderView view : this.views.lookup(number.trim())) {
			orders.add(Pages.Order.of(view));
		}
		return orders;
	}

	@GetMapping("/statements")
	List<Pages.Statement> statements(@RequestParam(required = false) String mchid) {
		String merchant = blankToNull(mchid);
		Map<String, StatementRun> runs = new HashMap<>();
		this.views.statementRuns(merchant).forEach((run) -> runs.put(run.key(), run));
		List<Pages.Statement> rows = new ArrayList<>();
		for (DailyStatement statement : this.views.statements(merchant)) {
			rows.add(Pages.Statement.of(statement, Pages.reportLinks(this.settings.reportsDir(), statement),
					Pages.StatementRunRow.of(runs.get(DailyStatement.key(statement.mchid(), statement.billDate())))));
		}
		return rows;
	}

	@ExceptionHandler({ ViewsNotReadyException.class, InvalidStateStoreException.class })
	ResponseEntity<Map<String, String>> notReady(RuntimeException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "1")
			.body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
