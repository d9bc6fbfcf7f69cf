package dev.tollgate.gateway.relay;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the relay's long-lived deadlines (token expiries, idle sweeps) on one timer thread of its own, which hands
 * each action to its event loop when it is due.
 *
 * <p>Why not the event loop's own {@code schedule}: a loop with a task scheduled arms a kernel timer for every wait.
 * On io_uring (Netty 4.2) that is one more submission, one more completion and a timer armed and cancelled each time
 * the loop goes to sleep, which a relaying loop does after almost every message at a moderate rate. A relayed
 * connection lives for minutes to hours with its expiry and its loop's sweep pending, so on the loop they would keep
 * a timer in every wait; here they leave the loop with nothing scheduled, and the gateway's loops
 * ({@code transport.UntimedWaitEventLoopGroup}) then wait without one. The short-lived timeouts of a handshake or a
 * close stay on the loop, where they are gone within seconds.
 */
public final class OffLoopTimer implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    public OffLoopTimer() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "tollgate-timer");
            thread.setDaemon(true);
            return thread;
        });
        // A cancelled expiry leaves the queue at once rather than at its deadline (a token may live for hours).
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code action} on {@code loop} after {@code delayMillis}, unless cancelled first. */
    public Future<?> schedule(EventExecutor loop, Runnable action, long delayMillis) {
        return timer.schedule(() -> handOver(loop, action), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} on {@code loop} every {@code periodMillis}, the first time after one period. */
    public Future<?> repeat(EventExecutor loop, Runnable action, long periodMillis) {
        return timer.scheduleAtFixedRate(() -> handOver(loop, action), periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
    }

    /** The number of deadlines waiting. */
    int pending() {
        return timer.getQueue().size();
    }

    private static void handOver(EventExecutor loop, Runnable action) {
        try {
            loop.execute(action);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down, and its channels with it: nothing is left to expire or sweep.
        }
    }

    /** Drops every pending deadline and stops the timer thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
