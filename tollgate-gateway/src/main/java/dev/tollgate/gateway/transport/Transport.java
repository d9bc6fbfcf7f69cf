package dev.tollgate.gateway.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringAdaptiveBufferRingAllocator;
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringFixedBufferRingAllocator;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;
import java.util.function.Function;

/**
 * The channel and event loop types of one transport.
 *
 * @param socketChannels makes a client socket for an address family, or for either when it is {@code null}
 * @param receiveBufferRing whether sockets take their receive buffers from their event loop's io_uring buffer ring
 */
public record Transport(
        Kind kind,
        IoHandlerFactory ioHandlerFactory,
        Class<? extends ServerChannel> serverChannelType,
        Function<SocketProtocolFamily, SocketChannel> socketChannels,
        boolean receiveBufferRing) {

    /** The transports a gateway can run on, and {@link #AUTO}: the best one this machine has. */
    public enum Kind {
        /** io_uring, else epoll, else NIO. */
        AUTO,
        /**
         * Linux io_uring: each event-loop turn submits the reads and writes of all its sockets, and collects their
         * completions, in one system call, where epoll needs one call per read and per write.
         */
        IO_URING,
        /** Linux epoll, edge-triggered. */
        EPOLL,
        /** Java NIO: every platform. */
        NIO;

        /** The name used in configuration: {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The best transport of this machine: io_uring when its native library loads and the kernel allows it. */
    public static Transport best() {
        return of(Kind.AUTO);
    }

    /**
     * The transport of that kind.
     *
     * @throws IllegalStateException when a native transport was asked for by name and this machine cannot run it
     */
    public static Transport of(Kind kind) {
        return switch (kind) {
            case AUTO -> IoUring.isAvailable() ? ioUring() : Epoll.isAvailable() ? epoll() : nio();
            case IO_URING -> {
                IoUring.ensureAvailability();
                yield ioUring();
            }
            case EPOLL -> {
                Epoll.ensureAvailability();
                yield epoll();
            }
            case NIO -> nio();
        };
    }

    /** The configuration name of this transport ({@code io_uring}, {@code epoll} or {@code nio}). */
    public String name() {
        return kind.configName();
    }

    /** The buffer group of each io_uring event loop's receive buffer ring. */
    private static final short RECEIVE_BUFFER_GROUP = 0;
    /** The size of each buffer of the receive ring, where the kernel fills buffers a read at a time (6.12 on). */
    private static final int RECEIVE_BUFFER_BYTES = 16 * 1024;

    /**
     * io_uring, with a receive buffer ring on each event loop when the kernel has them (5.19 and later). Without one,
     * every socket holds a buffer of its own for as long as its receive is pending, that is for as long as it is
     * idle: some 16 KiB a proxied pair more than epoll. With one, the kernel takes a buffer from the ring only when
     * data arrives, and the ring grows in batches as it is drained.
     *
     * <p>Where the kernel consumes ring buffers incrementally, one buffer takes the reads of any of the loop's sockets
     * one after another, and a read that reaches its end goes on in the next buffer: the frame cut there is copied
     * whole by the relay ({@code FrameReader}). The buffers are therefore large and of one size: Netty's adaptive
     * sizing counts each buffer's last, partial fill as a short read and shrinks them towards its 1 KiB minimum, where
     * most 512-byte messages arrived in two pieces (docs/BENCHMARKS.md); of 16 KiB, about one in thirty does. Without
     * incremental consumption each read takes a buffer of its own, which the adaptive sizing fits to the reads.
     */
    private static Transport ioUring() {
        IoUringIoHandlerConfig config = new IoUringIoHandlerConfig();
        boolean bufferRing = IoUring.isRegisterBufferRingSupported();
        if (bufferRing) {
            boolean incremental = IoUring.isRegisterBufferRingIncSupported();
            config.setBufferRingConfig(IoUringBufferRingConfig.builder()
                    .bufferGroupId(RECEIVE_BUFFER_GROUP)
                    .bufferRingSize((short) 4096)
                    .batchSize(64)
                    .incremental(incremental)
                    .allocator(incremental
                            ? new IoUringFixedBufferRingAllocator(RECEIVE_BUFFER_BYTES)
                            : new IoUringAdaptiveBufferRingAllocator())
                    .build());
        }
        // io_uring sockets take no address family: the kernel picks it from the address connected to.
        return new Transport(Kind.IO_URING, IoUringIoHandler.newFactory(config), IoUringServerSocketChannel.class,
                family -> {
                    IoUringSocketChannel channel = new IoUringSocketChannel();
                    if (bufferRing) {
                        channel.config().setOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID,
                                RECEIVE_BUFFER_GROUP);
                    }
                    return channel;
                },
                bufferRing);
    }

    private static Transport epoll() {
        return new Transport(Kind.EPOLL, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                family -> family == null ? new EpollSocketChannel() : new EpollSocketChannel(family), false);
    }

    private static Transport nio() {
        SelectorProvider selectors = SelectorProvider.provider();
        return new Transport(Kind.NIO, NioIoHandler.newFactory(), NioServerSocketChannel.class,
                family -> family == null ? new NioSocketChannel(selectors) : new NioSocketChannel(selectors, family),
                false);
    }

    /**
     * The factory of client sockets for {@code target}: of its own family when it is a resolved address, so that an
     * IPv4 backend gets an IPv4 socket rather than a dual-stack one (one system call less, and no mapped address);
     * dual-stack for a name that is resolved after the channel is made.
     */
    public ChannelFactory<SocketChannel> socketChannelFactory(InetSocketAddress target) {
        SocketProtocolFamily family = target.isUnresolved() ? null
                : target.getAddress() instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        return () -> socketChannels.apply(family);
    }

    /** Sets on a listener what its accepted sockets need of this transport. */
    public ServerBootstrap configureAccepted(ServerBootstrap bootstrap) {
        return receiveBufferRing
                ? bootstrap.childOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, RECEIVE_BUFFER_GROUP)
                : bootstrap;
    }

    /** An event loop group of this transport; {@code threads} 0 means Netty's default (twice the cores). */
    public EventLoopGroup newGroup(int threads) {
        return new UntimedWaitEventLoopGroup(threads, ioHandlerFactory);
    }
}
