package io.paytally.dashboard.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.paytally.dashboard.request.RequestNotWrittenException;
import io.paytally.dashboard.request.StatementRequests;
import io.paytally.dashboard.view.Views;
import io.paytally.dashboard.view.ViewsNotReadyException;
import io.paytally.schemas.StatementRun;

/**
 * "Run a statement": {@code POST /api/statement-runs} with {@code {"mchid", "billDate"}}
 * writes the request on {@code recon.statement-runs} (202 with the request as written);
 * {@code GET /api/statement-runs} lists the latest request of each merchant's day and
 * where it stands, as batch-jobs reports it on the same topic.
 */
@RestController
@RequestMapping("/api/statement-runs")
class StatementRunsController {

	private static final Pattern MCHID = Pattern.compile("[0-9]{1,32}");

	/** WeChat keeps trade bills for three months. */
	private static final int MONTHS_OF_BILLS = 3;

	private final Views views;

	private final StatementRequests requests;

	private final Clock clock;

	StatementRunsController(Views views, StatementRequests requests, Clock clock) {
		this.views = views;
		this.requests = requests;
		this.clock = clock;
	}

	@GetMapping
	List<Pages.StatementRunRow> runs(@RequestParam(required = false) String mchid) {
		List<Pages.StatementRunRow> rows = new ArrayList<>();
		String merchant = (mchid == null || mchid.isBlank()) ? null : mchid.trim();
		this.views.statementRuns(merchant).forEach((run) -> rows.add(Pages.StatementRunRow.of(run)));
		return rows;
	}

	@PostMapping
	ResponseEntity<Pages.StatementRunRow> request(@RequestBody RunRequest body, Principal principal) {
		String mchid = (body.mchid() != null) ? body.mchid().trim() : "";
		if (!MCHID.matcher(mchid).matches()) {
			throw new IllegalArgumentException("mchid must be a merchant id (digits): '" + mchid + "'");
		}
		LocalDate billDate = billDate(body.billDate());
		LocalDate today = LocalDate.now(this.clock.withZone(BeijingTime.ZONE));
		if (!billDate.isBefore(today)) {
			throw new IllegalArgumentException("billDate " + billDate + " has no bill yet: the latest is "
					+ today.minusDays(1) + " (Beijing time)");
		}
		if (billDate.isBefore(today.minusMonths(MONTHS_OF_BILLS))) {
			throw new IllegalArgumentException(
					"billDate " + billDate + " is older than the " + MONTHS_OF_BILLS + " months WeChat keeps bills");
		}
		String requestedBy = (principal != null && principal.getName() != null) ? principal.getName() : "anonymous";
		StatementRun written = this.requests.request(mchid, billDate, requestedBy);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Pages.StatementRunRow.of(written));
	}

	private static LocalDate billDate(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("billDate is required (yyyy-MM-dd)");
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("billDate must be yyyy-MM-dd: '" + text + "'");
		}
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler({ ViewsNotReadyException.class, InvalidStateStoreException.class })
	ResponseEntity<Map<String, String>> notReady(RuntimeException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "1")
			.body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(RequestNotWrittenException.class)
	ResponseEntity<Map<String, String>> notWritten(RequestNotWrittenException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "5")
			.body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	/**
	 * What the page sends.
	 *
	 * @param mchid the merchant
	 * @param billDate the day, {@code yyyy-MM-dd}
	 */
	record RunRequest(String mchid, String billDate) {

	}

}
