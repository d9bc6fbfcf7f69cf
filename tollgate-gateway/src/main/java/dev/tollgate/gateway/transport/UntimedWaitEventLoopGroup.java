package dev.tollgate.gateway.transport;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;

/**
 * Event loops that wait for I/O without a deadline when no task is scheduled on them.
 *
 * <p>Netty's loop reports a deadline one second ahead when it has nothing scheduled (a purge interval from the days
 * when cancelled tasks stayed queued; they now leave the queue when cancelled). Its io_uring handler turns any
 * deadline into one more submission, a kernel timer armed and cancelled, and one more completion for every wait: on
 * a gateway that goes to sleep after almost every relayed message, about a tenth of its CPU per message at 5,000
 * messages a second (docs/BENCHMARKS.md). Here the deadline is the next scheduled task's or none, as
 * {@code IoHandlerContext} allows and Netty's own {@code ManualIoEventLoop} reports it when it may block without
 * bound, so a loop whose relays keep their long-lived deadlines off it ({@code relay.OffLoopTimer}) waits as
 * {@code epoll_wait} does for nginx: with a timer only when one is due. Tasks submitted from other threads wake the
 * loop as before.
 */
final class UntimedWaitEventLoopGroup extends MultiThreadIoEventLoopGroup {

    /** Threads named {@code tollgate-io-<group>-<n>}, as thread dumps and profiles show them. */
    UntimedWaitEventLoopGroup(int threads, IoHandlerFactory ioHandlerFactory) {
        super(threads, new DefaultThreadFactory("tollgate-io"), ioHandlerFactory);
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory ioHandlerFactory, Object... args) {
        return new UntimedWaitEventLoop(this, executor, ioHandlerFactory);
    }

    static final class UntimedWaitEventLoop extends SingleThreadIoEventLoop {

        UntimedWaitEventLoop(UntimedWaitEventLoopGroup parent, Executor executor, IoHandlerFactory ioHandlerFactory) {
            super(parent, executor, ioHandlerFactory);
        }

        /** The next scheduled task's deadline, -1 when there is none. */
        @Override
        protected long deadlineNanos() {
            return nextScheduledTaskDeadlineNanos();
        }
    }
}
