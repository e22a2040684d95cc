package io.paytally.dashboard.web;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.paytally.dashboard.DashboardSettings;

/**
 * A day's report files as batch-jobs wrote them ({@code <reports-dir>/<mchid>/<date>/}):
 * only the two known file names, only under the configured directory.
 */
@RestController
class ReportFilesController {

	static final List<String> FILES = List.of("statement.html", "differences.csv");

	private static final Pattern MCHID = Pattern.compile("[0-9A-Za-z_-]{1,32}");

	private final Path reportsDir;

	ReportFilesController(DashboardSettings settings) {
		this.reportsDir = settings.reportsDir();
	}

	@GetMapping("/reports/{mchid}/{date}/{file}")
	ResponseEntity<Resource> report(@PathVariable String mchid, @PathVariable String date, @PathVariable String file) {
		if (this.reportsDir == null || !MCHID.matcher(mchid).matches() || !FILES.contains(file)) {
			return ResponseEntity.notFound().build();
		}
		LocalDate day;
		try {
			day = LocalDate.parse(date);
		}
		catch (DateTimeParseException ex) {
			return ResponseEntity.notFound().build();
		}
		Path path = this.reportsDir.resolve(mchid).resolve(day.toString()).resolve(file);
		if (!path.toFile().isFile()) {
			return ResponseEntity.notFound().build();
		}
		MediaType type = file.endsWith(".html") ? MediaType.parseMediaType("text/html;charset=UTF-8")
				: MediaType.parseMediaType("text/csv;charset=UTF-8");
		return ResponseEntity.ok().contentType(type).body(new FileSystemResource(path));
	}

}
