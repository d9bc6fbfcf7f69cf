package dev.tollgate.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LogEventMetricsTest {

    private final LoggerContext context = new LoggerContext();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LogEventMetrics metrics = new LogEventMetrics(context);

    @Test
    void countsTheEventsThatAreLoggedByLevelWithoutATurboFilter() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        metrics.bindTo(registry);
        Logger logger = context.getLogger("dev.tollgate.test");

        logger.error("one");
        logger.error("two");
        logger.warn("three");
        logger.info("four");
        logger.debug("below the level");
        logger.trace("below the level");

        assertThat(count("error")).isEqualTo(2);
        assertThat(count("warn")).isEqualTo(1);
        assertThat(count("info")).isEqualTo(1);
        assertThat(count("debug")).isZero();
        assertThat(count("trace")).isZero();
        assertThat(context.getTurboFilterList()).isEmpty();
    }

    @Test
    void keepsCountingAfterTheLoggingConfigurationIsReset() {
        metrics.bindTo(registry);
        context.reset();
        context.getLogger("dev.tollgate.test").warn("after the reset");
        assertThat(count("warn")).isEqualTo(1);
    }

    @Test
    void stopsCountingWhenClosedAndALaterRegistryTakesOver() {
        metrics.bindTo(registry);
        SimpleMeterRegistry later = new SimpleMeterRegistry();
        LogEventMetrics next = new LogEventMetrics(context);
        next.bindTo(later);
        metrics.close();

        context.getLogger("dev.tollgate.test").warn("counted once, by the later registry");

        assertThat(count("warn")).isZero();
        assertThat(later.get(LogEventMetrics.METER).tag("level", "warn").counter().count()).isEqualTo(1);
        next.close();
        context.getLogger("dev.tollgate.test").warn("not counted");
        assertThat(later.get(LogEventMetrics.METER).tag("level", "warn").counter().count()).isEqualTo(1);
    }

    private double count(String level) {
        return registry.get(LogEventMetrics.METER).tag("level", level).counter().count();
    }
}
