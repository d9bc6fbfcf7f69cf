package dev.tollgate.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records every WARN and ERROR line logged while it is open, with whether it carried a stack trace, so that tests can
 * check that clients' mistakes are never logged as the gateway's faults, and that no line contains a secret.
 */
final class WarningLog implements AutoCloseable {

    /** One recorded line. */
    record Line(String logger, Level level, String message, boolean stackTrace) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<String> allMessages = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            allMessages.add(event.getFormattedMessage());
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                lines.add(new Line(event.getLoggerName(), event.getLevel(), event.getFormattedMessage(),
                        event.getThrowableProxy() != null));
            }
        }
    };

    private WarningLog() {
    }

    static WarningLog open() {
        WarningLog log = new WarningLog();
        log.appender.start();
        log.root.addAppender(log.appender);
        return log;
    }

    /** The WARN and ERROR lines so far. */
    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The WARN and ERROR lines that carried a stack trace. */
    List<Line> withStackTraces() {
        return lines.stream().filter(Line::stackTrace).toList();
    }

    /** Every message recorded at a level the configuration lets through, to search for secrets. */
    List<String> messages() {
        return List.copyOf(allMessages);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
