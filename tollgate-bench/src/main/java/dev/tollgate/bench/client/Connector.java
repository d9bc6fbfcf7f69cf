package dev.tollgate.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Opens many connections with a bounded number of handshakes in flight, and times how fast they come up. */
final class Connector {

    private Connector() {
    }

    /** The connections that came up, and how long it took from the first connect to the last 101. */
    record Opened(List<Channel> channels, long elapsedNanos) {

        double perSecond() {
            return elapsedNanos == 0 ? 0 : channels.size() * 1e9 / elapsedNanos;
        }
    }

    static Opened open(WsClient client, int count, int inFlight, Duration timeout, Supplier<ChannelHandler> handler,
            Errors errors) throws InterruptedException {
        List<Channel> channels = new CopyOnWriteArrayList<>();
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch settled = new CountDownLatch(count);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long[] lastUp = {start};
        int started = 0;
        for (; started < count; started++) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            client.connect(handler).addListener(done -> {
                if (done.isSuccess()) {
                    channels.add((Channel) done.getNow());
                    synchronized (lastUp) {
                        lastUp[0] = Math.max(lastUp[0], System.nanoTime());
                    }
                } else {
                    errors.add(done.cause());
                }
                slots.release();
                settled.countDown();
            });
        }
        errors.add("connect: not started before the timeout", count - started);
        for (int i = started; i < count; i++) {
            settled.countDown();
        }
        if (!settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            errors.add("connect: timeout", settled.getCount());
        }
        synchronized (lastUp) {
            return new Opened(List.copyOf(channels), lastUp[0] - start);
        }
    }
}
