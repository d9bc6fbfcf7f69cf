package dev.tollgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;

/**
 * One connection's load: binary messages whose first 8 bytes carry the time the message was due, so that an echo
 * gives the round trip without any per-message state here.
 *
 * <p>Closed loop: one message in flight, the next sent when it comes back. Fixed rate: messages due every period
 * from a random phase, stamped with the time they were due rather than sent, so a stalled server shows up in the
 * latency instead of silently lowering the rate (no coordinated omission).
 */
final class MessageHandler extends ChannelInboundHandlerAdapter {

    /** Most overdue messages sent in one tick when the client falls behind. */
    private static final int MAX_CATCH_UP = 1_000;

    private final LoadRun run;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> ticker;
    private long nextDue;

    MessageHandler(LoadRun run) {
        this.run = run;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Starts sending; call from any thread. */
    void start() {
        ctx.executor().execute(() -> {
            if (run.periodNanos == 0) {
                send(System.nanoTime());
                ctx.flush();
            } else {
                long phase = ThreadLocalRandom.current().nextLong(run.periodNanos);
                nextDue = System.nanoTime() + phase;
                ticker = ctx.executor().scheduleAtFixedRate(
                        this::tick, phase, run.periodNanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Stops the fixed-rate ticker; call from any thread. */
    void stop() {
        ctx.executor().execute(this::cancelTicker);
    }

    private void tick() {
        long now = System.nanoTime();
        int sent = 0;
        while (nextDue <= now && sent < MAX_CATCH_UP && run.maySend()) {
            send(nextDue);
            nextDue += run.periodNanos;
            sent++;
        }
        if (sent > 0) {
            ctx.flush();
        }
        if (!run.sending) {
            cancelTicker();
        }
    }

    private void send(long stamp) {
        if (!run.maySend() || !ctx.channel().isActive()) {
            return;
        }
        ByteBuf payload = ctx.alloc().buffer(run.messageSize);
        payload.writeLong(stamp).writeBytes(run.filler, 0, run.messageSize - Long.BYTES);
        run.sent.increment();
        ctx.write(new BinaryWebSocketFrame(payload), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof BinaryWebSocketFrame frame && frame.isFinalFragment()
                    && frame.content().readableBytes() == run.messageSize) {
                ByteBuf content = frame.content();
                run.replied(System.nanoTime() - content.getLong(content.readerIndex()));
                if (run.periodNanos == 0) {
                    send(System.nanoTime());
                }
            } else {
                run.errors.add("unexpected frame: " + msg.getClass().getSimpleName());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTicker();
        if (!run.stopping) {
            run.errors.add("closed by peer");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!run.stopping) {
            run.errors.add("exception: " + cause.getClass().getSimpleName());
        }
        ctx.close();
    }

    private void cancelTicker() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }
}
