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
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig config = context.getConfiguration().getLoggerConfig("org.apache.spark.util.Utils");
        assertEquals("org.apache.spark.util.Utils", config.getName(), "the application's log4j2.properties is loaded");
        Filter filter = config.getFilter();
        assertNotNull(filter, "Spark's Utils logger has a filter");
        return filter.filter(Log4jLogEvent.newBuilder().setLoggerName(config.getName()).setLevel(Level.ERROR)
                .setMessage(new SimpleMessage(message)).setThrown(new NullPointerException("byPartition() is null"))
                .build());
    }

    @Test
    void sparksKnownHeartbeatRaceIsNotPrintedButOtherErrorsAre() {
        assertEquals(Filter.Result.DENY, utils("Uncaught exception in thread executor-heartbeater"));
        assertEquals(Filter.Result.NEUTRAL, utils("Uncaught exception in thread Executor task launch worker for task 3"));
        assertEquals(Filter.Result.NEUTRAL, utils("Aborting task"));
    }
}
