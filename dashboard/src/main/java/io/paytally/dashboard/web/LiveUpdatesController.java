package io.paytally.dashboard.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The page's event stream ({@code text/event-stream}).
 */
@RestController
class LiveUpdatesController {

	private final LiveUpdates updates;

	LiveUpdatesController(LiveUpdates updates) {
		this.updates = updates;
	}

	@GetMapping("/api/events")
	SseEmitter events() {
		return this.updates.subscribe();
	}

}
