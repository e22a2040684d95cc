package io.paytally.dashboard.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.paytally.dashboard.health.PipelineHealth;

/**
 * The health panel's JSON ({@code GET /api/pipeline}): per topic the time of its newest
 * record, per consumer group its lag, as the brokers tell it.
 */
@RestController
class PipelineController {

	private final PipelineHealth health;

	PipelineController(PipelineHealth health) {
		this.health = health;
	}

	@GetMapping("/api/pipeline")
	Pipeline pipeline() {
		PipelineHealth.Snapshot snapshot = this.health.snapshot();
		List<TopicRow> topics = new ArrayList<>();
		for (PipelineHealth.TopicFlow topic : snapshot.topics()) {
			topics.add(new TopicRow(topic.topic(), topic.partitions(), topic.endOffsets(),
					BeijingTime.dateTime(topic.lastRecordAt()), ageSeconds(snapshot.at(), topic.lastRecordAt())));
		}
		List<GroupRow> groups = new ArrayList<>();
		for (PipelineHealth.GroupLag group : snapshot.groups()) {
			List<LagRow> lags = new ArrayList<>();
			group.topics().forEach((lag) -> lags.add(new LagRow(lag.topic(), lag.lag())));
			groups.add(new GroupRow(group.groupId(), group.state(), group.totalLag(), lags));
		}
		return new Pipeline(BeijingTime.dateTime(snapshot.at()), snapshot.error(), topics, groups);
	}

	private static Long ageSeconds(Instant now, Instant then) {
		return (then != null) ? Math.max(0, Duration.between(then, now).toSeconds()) : null;
	}

	record Pipeline(String at, String error, List<TopicRow> topics, List<GroupRow> groups) {

	}

	record TopicRow(String topic, int partitions, long endOffsets, String lastRecordAt, Long ageSeconds) {

	}

	record GroupRow(String groupId, String state, long totalLag, List<LagRow> topics) {

	}

	record LagRow(String topic, long lag) {

	}

}
