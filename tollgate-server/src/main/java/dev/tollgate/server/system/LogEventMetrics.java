package dev.tollgate.server.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts the log events that are logged, by level, as {@code logback.events}: the meter of Micrometer's
 * {@code LogbackMetrics}, which this replaces ({@code spring.autoconfigure.exclude} in application.properties).
 *
 * <p>Micrometer counts with a logback turbo filter, and logback consults the turbo filters on every level check,
 * enabled or not. Netty's io_uring transport asks {@code isTraceEnabled()} for every submission and every completion,
 * so the filter chain was 2-3% of the gateway's event loops in the benchmark profiles. An appender on the root logger
 * sees only the events that are logged, and leaves a disabled level check as cheap as logback makes it.
 */
@Component
class LogEventMetrics implements MeterBinder, AutoCloseable {

    static final String METER = "logback.events";
    static final String APPENDER = "tollgate-log-event-metrics";

    private final LoggerContext context;
    /** Puts the appender back after a reset of the logging configuration, which stops and removes every appender. */
    private final LoggerContextListener reattach = new LoggerContextListener() {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext resetContext) {
            CountingAppender counting = appender;
            if (counting != null) {
                counting.start();
                attach(counting);
            }
        }

        @Override
        public void onStart(LoggerContext startedContext) {
        }

        @Override
        public void onStop(LoggerContext stoppedContext) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    };
    private volatile CountingAppender appender;

    LogEventMetrics() {
        this((LoggerContext) LoggerFactory.getILoggerFactory());
    }

    LogEventMetrics(LoggerContext context) {
        this.context = context;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CountingAppender counting = new CountingAppender(registry);
        counting.setContext(context);
        counting.setName(APPENDER);
        counting.start();
        if (appender == null) {
            context.addListener(reattach);
        }
        appender = counting;
        attach(counting);
    }

    /** The last registry bound counts: a context started after another in the same JVM (tests) takes over. */
    private void attach(CountingAppender counting) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) != counting) {
            root.detachAppender(APPENDER);
            root.addAppender(counting);
        }
    }

    @Override
    public void close() {
        context.removeListener(reattach);
        CountingAppender counting = appender;
        if (counting != null) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(counting);
            counting.stop();
        }
    }

    /** One counter a level, as Micrometer names them; events reach it only if their logger's level lets them through. */
    private static final class CountingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final Counter error;
        private final Counter warn;
        private final Counter info;
        private final Counter debug;
        private final Counter trace;

        CountingAppender(MeterRegistry registry) {
            error = counter(registry, "error");
            warn = counter(registry, "warn");
            info = counter(registry, "info");
            debug = counter(registry, "debug");
            trace = counter(registry, "trace");
        }

        private static Counter counter(MeterRegistry registry, String level) {
            return Counter.builder(METER)
                    .tag("level", level)
                    .description("Number of " + level + " level events that made it to the logs")
                    .baseUnit(BaseUnits.EVENTS)
                    .register(registry);
        }

        @Override
        protected void append(ILoggingEvent event) {
            switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> error.increment();
                case Level.WARN_INT -> warn.increment();
                case Level.INFO_INT -> info.increment();
                case Level.DEBUG_INT -> debug.increment();
                default -> trace.increment();
            }
        }
    }
}
