package com.hydracore.billing.adapter.rest;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Collects one logger's events. The access line and the request metric are written once the answer has gone out,
 * so a test waits for the line (an event, not a sleep) before it looks at either.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final LinkedBlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final List<ILoggingEvent> seen = new ArrayList<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        start();
        logger.addAppender(this);
    }

    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** The first event (already seen or arriving within 10 s) whose message matches. */
    ILoggingEvent await(Predicate<String> message) {
        for (ILoggingEvent event : seen) {
            if (message.test(event.getFormattedMessage())) {
                return event;
            }
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                ILoggingEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no matching log event; seen: " + messages());
                }
                seen.add(event);
                if (message.test(event.getFormattedMessage())) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message seen so far. */
    List<String> messages() {
        events.drainTo(seen);
        return seen.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
