package dev.tollgate.gateway;

import static dev.tollgate.gateway.TestWorld.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.LifecycleState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backpressure, proven end to end: a backend pushes 1 GiB in 1 MiB frames as fast as its socket takes them, towards
 * a client that stops reading for a while after every 64 MiB. Heap and direct memory must stay within a small fixed
 * bound, which only holds if the gateway stops reading the backend while the client leg is full (without it, direct
 * memory grew by over 400 MiB); and every byte must arrive, which only happens if reading resumed.
 * {@code relay.RelayBackpressureTest} checks the switch itself.
 */
@ExtendWith(NoLeaks.class)
class FlowControlTest {

    private static final int FRAME_BYTES = 1024 * 1024;
    private static final int FRAMES = 1024;
    private static final long TOTAL_BYTES = (long) FRAME_BYTES * FRAMES;
    private static final long PAUSE_EVERY_BYTES = 64L * 1024 * 1024;
    private static final long PAUSE_MILLIS = 250;
    private static final long MAX_GROWTH_BYTES = 64L * 1024 * 1024;
    private static final long TRANSFER_TIMEOUT_SECONDS = 60;

    @Test
    void aGibibyteTowardsASlowReaderKeepsMemoryBoundedAndEveryByteArrives() throws Exception {
        Source source = new Source();
        try (ScriptedBackend backend = new ScriptedBackend(() -> source);
                GatewayHarness harness = new GatewayHarness()) {
            harness.world.subscribed(api("firehose", "/firehose", "1.0", LifecycleState.PUBLISHED, backend.url()));
            harness.publish();
            MemorySampler memory = new MemorySampler();
            SlowReader reader = new SlowReader();
            try (NettyWebSocket client = NettyWebSocket.connect(harness.ws("/firehose/1.0"),
                    harness.tokens.token(TestWorld.CLIENT), false, reader)) {
                memory.start();
                assertThat(reader.done.get(TRANSFER_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(TOTAL_BYTES);
            } finally {
                memory.stop();
            }
            assertThat(source.sent.get()).isEqualTo(FRAMES);
            assertThat(memory.maxDirectGrowth).as("direct memory growth").isLessThan(MAX_GROWTH_BYTES);
            assertThat(memory.maxHeapGrowth).as("heap growth after GC").isLessThan(MAX_GROWTH_BYTES);
        }
    }

    /** Writes 1 MiB binary frames of one shared buffer whenever its channel is writable, until all are sent. */
    private static final class Source extends ChannelInboundHandlerAdapter {

        private static final ByteBuf PAYLOAD = Unpooled.unreleasableBuffer(
                Unpooled.wrappedBuffer(new byte[FRAME_BYTES]).asReadOnly());

        final AtomicLong sent = new AtomicLong();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                pump(ctx);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (ctx.channel().isWritable()) {
                pump(ctx);
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        private void pump(ChannelHandlerContext ctx) {
            while (ctx.channel().isWritable() && sent.get() < FRAMES) {
                ctx.write(new BinaryWebSocketFrame(PAYLOAD.duplicate()), ctx.voidPromise());
                sent.incrementAndGet();
            }
            ctx.flush();
        }
    }

    /** Discards what it reads, and stops reading for {@link #PAUSE_MILLIS} after every {@link #PAUSE_EVERY_BYTES}. */
    private static final class SlowReader extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {

        final CompletableFuture<Long> done = new CompletableFuture<>();
        private long received;
        private long nextPause = PAUSE_EVERY_BYTES;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
            received += frame.content().readableBytes();
            if (received >= TOTAL_BYTES) {
                done.complete(received);
            } else if (received >= nextPause) {
                nextPause += PAUSE_EVERY_BYTES;
                ctx.channel().config().setAutoRead(false);
                ctx.executor().schedule(() -> {
                    ctx.channel().config().setAutoRead(true);
                }, PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.completeExceptionally(new AssertionError("The connection ended after " + received + " bytes"));
        }
    }

    /**
     * Samples direct memory (Netty's allocator, Netty's own counter, the JDK's direct buffers) every few
     * milliseconds and the heap after a collection every half second, each against its value at the start.
     */
    private static final class MemorySampler {

        private static final long DIRECT_EVERY_MILLIS = 10;
        private static final int HEAP_EVERY_SAMPLES = 50;

        private final Thread thread = new Thread(this::run, "memory-sampler");
        private volatile boolean running = true;
        volatile long maxDirectGrowth;
        volatile long maxHeapGrowth;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        private void run() {
            long[] directBaseline = direct();
            long heapBaseline = heapAfterGc();
            for (int sample = 1; running && sample < 100_000; sample++) {
                long[] now = direct();
                for (int i = 0; i < now.length; i++) {
                    maxDirectGrowth = Math.max(maxDirectGrowth, now[i] - directBaseline[i]);
                }
                if (sample % HEAP_EVERY_SAMPLES == 0) {
                    maxHeapGrowth = Math.max(maxHeapGrowth, heapAfterGc() - heapBaseline);
                }
                try {
                    Thread.sleep(DIRECT_EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static long[] direct() {
            long allocator = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
            long netty = Math.max(0, PlatformDependent.usedDirectMemory());
            long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            return new long[] {allocator, netty, jdk};
        }

        private static long heapAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
