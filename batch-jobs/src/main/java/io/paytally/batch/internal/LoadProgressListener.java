package io.paytally.batch.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs the load's progress: lines read and lines per second.
 */
public final class LoadProgressListener implements ChunkListener<Object, Object>, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(LoadProgressListener.class);

	private Progress progress;

	private long lastRead;

	private StepExecution stepExecution;

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		this.progress = new Progress(logger, "Load of the bill of " + JobDay.of(stepExecution).mchid());
		this.lastRead = stepExecution.getReadCount();
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		long read = this.stepExecution.getReadCount();
		this.progress.add(read - this.lastRead);
		this.lastRead = read;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.progress.add(stepExecution.getReadCount() - this.lastRead);
		this.progress.done();
		return null;
	}

}
