package dev.tollgate.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records the log lines written while it is open: WARN and ERROR lines with whether they carried a stack trace, so
 * that tests can check that clients' mistakes are never logged as the gateway's faults, and every message (down to
 * DEBUG with {@link #openAtDebug()}) so that they can check that no line contains a secret.
 */
final class CapturedLog implements AutoCloseable {

    /** One recorded line. */
    record Line(String logger, Level level, String message, boolean stackTrace) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<String> allMessages = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger gateway = (Logger) LoggerFactory.getLogger("dev.tollgate");
    private final Level rootLevel = root.getLevel();
    private final Level gatewayLevel = gateway.getLevel();
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

    private CapturedLog() {
    }

    static CapturedLog open() {
        CapturedLog log = new CapturedLog();
        log.appender.start();
        log.root.addAppender(log.appender);
        return log;
    }

    /** Records every line down to DEBUG, of every logger, until closed. */
    static CapturedLog openAtDebug() {
        CapturedLog log = open();
        log.root.setLevel(Level.DEBUG);
        log.gateway.setLevel(Level.DEBUG);
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

    /** Every message recorded, at the levels let through, to search for secrets. */
    List<String> messages() {
        return List.copyOf(allMessages);
    }

    @Override
    public void close() {
        root.setLevel(rootLevel);
        gateway.setLevel(gatewayLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
