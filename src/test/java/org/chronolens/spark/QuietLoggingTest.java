package org.chronolens.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** What the application's logging configuration keeps off the user's standard error, and what it lets through. */
class QuietLoggingTest {

    private static Filter.Result utils(String message) {
        return filtered("org.apache.spark.util.Utils", Level.ERROR, message);
    }

    private static Filter.Result filtered(String logger, Level level, String message) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig config = context.getConfiguration().getLoggerConfig(logger);
        assertEquals(logger, config.getName(), "the application's log4j2.properties configures " + logger);
        Filter filter = config.getFilter();
        assertNotNull(filter, logger + " has a filter");
        return filter.filter(Log4jLogEvent.newBuilder().setLoggerName(config.getName()).setLevel(level)
                .setMessage(new SimpleMessage(message)).setThrown(new NullPointerException("byPartition() is null"))
                .build());
    }

    @Test
    void sparksKnownHeartbeatRaceIsNotPrintedButOtherErrorsAre() {
        assertEquals(Filter.Result.DENY, utils("Uncaught exception in thread executor-heartbeater"));
        assertEquals(Filter.Result.NEUTRAL, utils("Uncaught exception in thread Executor task launch worker for task 3"));
        assertEquals(Filter.Result.NEUTRAL, utils("Aborting task"));
    }

    @Test
    void cachedRowsSpillingToDiskAreNotPrintedButABroadcastThatDoesNotFitIs() {
        String memory = "org.apache.spark.storage.memory.MemoryStore";
        String blocks = "org.apache.spark.storage.BlockManager";
        assertEquals(Filter.Result.DENY, filtered(memory, Level.WARN,
                "Not enough space to cache rdd_7_40 in memory! (computed 40.9 MiB so far)"));
        assertEquals(Filter.Result.DENY, filtered(blocks, Level.WARN, "Persisting block rdd_7_40 to disk instead."));
        assertEquals(Filter.Result.NEUTRAL, filtered(memory, Level.WARN,
                "Not enough space to cache broadcast_32 in memory! (computed 1888.0 MiB so far)"));
        assertEquals(Filter.Result.NEUTRAL, filtered(blocks, Level.WARN, "Persisting block broadcast_32 to disk instead."));
        assertEquals(Filter.Result.NEUTRAL, filtered(blocks, Level.WARN, "Failed to fetch block rdd_7_40, and will not retry"));
    }

    /** The console's filter for a task failure, as {@link EnvironmentLogFilter#install} leaves it. */
    private static Filter.Result console(String logger, String message, Throwable thrown, long at) {
        EnvironmentLogFilter.install();
        EnvironmentLogFilter.install(); // once, however often a command opens a session
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        org.apache.logging.log4j.core.Appender console = context.getConfiguration().getAppender("console");
        Filter filter = ((org.apache.logging.log4j.core.filter.AbstractFilterable) console).getFilter();
        assertInstanceOf(EnvironmentLogFilter.class, filter, "one filter on the console, not a composite of copies");
        return filter.filter(Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(Level.ERROR).setTimeMillis(at)
                .setMessage(new SimpleMessage(message)).setThrown(thrown).build());
    }

    @Test
    void aTaskFailingOnAFullDiskIsNotPrintedNorWhatFollowsItButOtherTaskFailuresAre() {
        String executor = "org.apache.spark.executor.Executor";
        String tasks = "org.apache.spark.scheduler.TaskSetManager";
        long now = System.currentTimeMillis();
        Throwable bug = new IllegalStateException("a bug", new NullPointerException());
        Throwable full = new RuntimeException("[TASK_WRITE_FAILED]", new Error(new java.io.IOException("No space left on device")));

        assertEquals(Filter.Result.NEUTRAL, console(executor, "Exception in task 0.0 in stage 9.0 (TID 11)", bug, now - 120_000));
        assertEquals(Filter.Result.DENY, console(executor, "Exception in task 0.0 in stage 60.0 (TID 255)", full, now));
        assertEquals(Filter.Result.DENY, console(tasks, "Task 0 in stage 60.0 failed 1 times; aborting job", null, now + 10),
                "the job's end that follows the full disk");
        assertEquals(Filter.Result.NEUTRAL, console(tasks, "Task 0 in stage 61.0 failed 1 times; aborting job", null,
                now + EnvironmentLogFilter.AFTERMATH_MILLIS + 1), "a minute on, failures show again");
        assertEquals(Filter.Result.NEUTRAL, console("org.chronolens.cli.Main", "No space left on device", full, now));
    }
}
