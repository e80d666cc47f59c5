package org.chronolens.spark;

import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.filter.AbstractFilterable;
import org.apache.logging.log4j.core.filter.CompositeFilter;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.chronolens.io.EnvironmentFailure;

/**
 * Keeps Spark's account of a task that failed for want of disk space (or a read-only file system,
 * a quota, a permission) off the user's standard error. Spark logs such a task four or five times
 * on its way to failing the job, each time with a stack trace; the application then says in one
 * sentence where and why (see {@link EnvironmentFailure}), which is all the user can act on. For a
 * minute after such a line, what Spark, Hadoop and Parquet say is kept off too: the job's
 * cancellation and the session stopping under tasks still running, with traces of their own. A
 * task that fails for any other reason is logged as before.
 */
public final class EnvironmentLogFilter extends AbstractFilter {

    /** The loggers through which a failed task passes on its way to failing the job. */
    static final Set<String> TASK_FAILURE_LOGGERS = Set.of(
            "org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager",
            "org.apache.spark.scheduler.TaskSchedulerImpl",
            "org.apache.spark.scheduler.DAGScheduler",
            "org.apache.spark.util.Utils",
            "org.apache.spark.sql.execution.datasources.FileFormatWriter",
            "org.apache.spark.sql.execution.datasources.FileFormatDataWriter",
            "org.apache.spark.internal.io.SparkHadoopWriter",
            "org.apache.spark.mapred.SparkHadoopMapRedUtil");

    /** How long after such a failure Spark's and Hadoop's lines are taken for its consequences. */
    static final long AFTERMATH_MILLIS = 60_000;

    private volatile long lastFailure = Long.MIN_VALUE / 2;

    private EnvironmentLogFilter() {
        super(Filter.Result.DENY, Filter.Result.NEUTRAL);
    }

    /**
     * Adds the filter to every appender of the logging configuration in force, once. On the
     * appenders, not the configuration: only there does a filter see each event whole, its
     * exception included, whichever logger it came through.
     */
    public static synchronized void install() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return; // another logging back end: nothing of ours to configure
        }
        for (Appender appender : context.getConfiguration().getAppenders().values()) {
            if (appender instanceof AbstractFilterable filterable && !holds(filterable.getFilter())) {
                EnvironmentLogFilter filter = new EnvironmentLogFilter();
                filter.start();
                filterable.addFilter(filter);
            }
        }
    }

    private static boolean holds(Filter filter) {
        return filter instanceof EnvironmentLogFilter || (filter instanceof CompositeFilter composite
                && java.util.Arrays.stream(composite.getFiltersArray()).anyMatch(f -> f instanceof EnvironmentLogFilter));
    }

    @Override
    public Result filter(LogEvent event) {
        String logger = event.getLoggerName();
        if (logger == null || !logger.startsWith("org.apache.")) {
            return Result.NEUTRAL;
        }
        String message = event.getMessage() == null ? null : event.getMessage().getFormattedMessage();
        if (TASK_FAILURE_LOGGERS.contains(logger) && EnvironmentFailure.mentioned(message, event.getThrown())) {
            lastFailure = event.getTimeMillis();
            return onMatch;
        }
        // What follows such a failure is its consequence: the other tasks aborted, the job
        // cancelled, the session stopped under tasks still running, each with its own trace.
        return event.getTimeMillis() - lastFailure < AFTERMATH_MILLIS ? onMatch : onMismatch;
    }
}
