package dev.tollgate.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures the rate of complete WebSocket sessions: connect, upgrade (with the target's headers, so an
 * authenticated handshake when they carry a token), close with 1000, and again, from {@code workers} loops at once.
 */
public final class HandshakeLoad {

    /** Upper bound on handshakes started in one run, whatever the duration. */
    public static final long MAX_HANDSHAKES = 100_000_000L;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(10);

    private final HandshakeSettings settings;
    private final WsClient client;
    private final Recorder latency = new Recorder(LoadRun.MAX_TRACKED_NANOS, 3);
    private final Errors errors = new Errors();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final CountDownLatch finished;
    private volatile boolean running = true;
    private volatile boolean measuring;

    private HandshakeLoad(HandshakeSettings settings, WsClient client) {
        this.settings = settings;
        this.client = client;
        this.finished = new CountDownLatch(settings.workers());
    }

    public static HandshakeResult run(HandshakeSettings settings) throws InterruptedException {
        try (WsClient client = new WsClient(settings.target(), settings.threads(), settings.handshakeTimeout())) {
            return new HandshakeLoad(settings, client).run();
        }
    }

    private HandshakeResult run() throws InterruptedException {
        for (int i = 0; i < settings.workers(); i++) {
            next();
        }
        MessageLoad.sleep(settings.warmup());
        latency.reset();
        long before = completed.get();
        ProcessUsage usage = ProcessUsage.watch(settings.cpuPids());
        long start = System.nanoTime();
        measuring = true;
        MessageLoad.sleep(settings.duration());
        measuring = false;
        long handshakes = completed.get() - before;
        ProcessUsage.Usage used = usage.used();
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram window = latency.getIntervalHistogram();
        running = false;
        if (!finished.await(FINISH_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            errors.add("worker did not finish", finished.getCount());
        }
        return new HandshakeResult(settings, seconds, handshakes, handshakes / seconds, Latency.of(window),
                errors.snapshot(), used);
    }

    /** One worker's next session, or the worker's end once the run is over. */
    private void next() {
        if (!running || started.incrementAndGet() > MAX_HANDSHAKES) {
            finished.countDown();
            return;
        }
        long begin = System.nanoTime();
        client.connect(Quiet::new).addListener(upgrade -> {
            if (!upgrade.isSuccess()) {
                errors.add(upgrade.cause());
                next();
                return;
            }
            if (measuring) {
                latency.recordValue(Math.min(System.nanoTime() - begin, LoadRun.MAX_TRACKED_NANOS));
            }
            completed.incrementAndGet();
            Channel channel = (Channel) upgrade.getNow();
            // The server answers the close frame and closes the TCP connection; a server that does not is an error.
            var timeout = channel.eventLoop().schedule(() -> {
                errors.add("close: no answer within " + CLOSE_TIMEOUT.toMillis() + " ms");
                channel.close();
            }, CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            channel.closeFuture().addListener(closed -> {
                timeout.cancel(false);
                next();
            });
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        });
    }

    /** Ends a session on any error after the upgrade; the session still counts, as its handshake completed. */
    private final class Quiet extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel().isActive()) {
                errors.add("exception: " + cause.getClass().getSimpleName());
            }
            ctx.close();
        }
    }
}
