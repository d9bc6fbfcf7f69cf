package dev.tollgate.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs message load over many connections: open them all, load for the warm-up, measure for the duration, then
 * stop sending, wait for the last echoes and close with 1000.
 *
 * <pre>{@code
 * LoadResult result = MessageLoad.run(settings);
 * }</pre>
 */
public final class MessageLoad {

    /** Upper bound on messages sent in one run, whatever the rate and duration. */
    public static final long MAX_MESSAGES = 2_000_000_000L;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SERVER_CLEANUP = Duration.ofSeconds(1);

    private MessageLoad() {
    }

    public static LoadResult run(LoadSettings settings) throws InterruptedException {
        LoadRun run = new LoadRun(settings, MAX_MESSAGES);
        try (WsClient client = new WsClient(settings.target(), settings.threads(), settings.connectTimeout())) {
            long rssBefore = settings.rssPid() > 0 ? ProcessMemory.rssKib(settings.rssPid()) : -1;
            Connector.Opened opened = Connector.open(client, settings.connections(), settings.connectConcurrency(),
                    settings.connectTimeout(), () -> new MessageHandler(run), run.errors);
            List<MessageHandler> handlers = new ArrayList<>();
            for (Channel channel : opened.channels()) {
                handlers.add(channel.pipeline().get(MessageHandler.class));
            }

            LoopLag loopLag = new LoopLag(client.eventLoops());
            run.sending = true;
            handlers.forEach(MessageHandler::start);
            sleep(settings.warmup());
            run.latency.reset();
            loopLag.reset();
            ProcessUsage usage = ProcessUsage.watch(settings.cpuPids());
            run.startMeasuring();
            sleep(settings.duration());
            run.measuring = false;
            ProcessUsage.Usage used = usage.used();
            Histogram window = run.latency.getIntervalHistogram();
            Histogram lag = loopLag.window();
            loopLag.close();
            double seconds = (System.nanoTime() - run.measuringSince) / 1e9;
            long rssAfter = settings.rssPid() > 0 ? ProcessMemory.rssKib(settings.rssPid()) : -1;
            // After the RSS, so that the collection it runs cannot change that figure.
            long liveOpen = settings.liveHeap() ? ProcessMemory.liveHeapKib(settings.rssPid()) : -1;

            run.sending = false;
            handlers.forEach(MessageHandler::stop);
            drain(run);
            run.stopping = true;
            closeAll(opened.channels());
            long liveClosed = -1;
            if (settings.liveHeap()) {
                // The server drops a connection when its close completes, on its event loop: give it that moment.
                sleep(SERVER_CLEANUP);
                liveClosed = ProcessMemory.liveHeapKib(settings.rssPid());
            }

            return new LoadResult(settings, opened.channels().size(), opened.perSecond(), seconds,
                    window.getTotalCount(), window.getTotalCount() / seconds, Latency.of(window),
                    run.errors.snapshot(), rssBefore, rssAfter, liveOpen, liveClosed, used, Latency.of(lag),
                    worstBySecondMillis(run, seconds));
        }
    }

    /** The worst round trip of each whole or started second of the window, in milliseconds. */
    private static List<Double> worstBySecondMillis(LoadRun run, double seconds) {
        int count = (int) Math.min(run.worstBySecond.length(), Math.ceil(seconds));
        List<Double> worst = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            worst.add(Math.round(run.worstBySecond.get(i) / 1e5) / 10.0);
        }
        return worst;
    }

    /** Waits a bounded time for every sent message to come back; those that do not are errors. */
    private static void drain(LoadRun run) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (run.received.sum() < run.sent.sum() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        run.errors.add("unanswered messages", run.sent.sum() - run.received.sum());
    }

    private static void closeAll(List<Channel> channels) {
        List<ChannelFuture> closed = new ArrayList<>();
        for (Channel channel : channels) {
            if (channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
            }
            closed.add(channel.closeFuture());
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        for (ChannelFuture future : closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                future.channel().close();
            }
        }
    }

    static void sleep(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
