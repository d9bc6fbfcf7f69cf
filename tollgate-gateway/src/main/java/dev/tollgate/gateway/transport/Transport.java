package dev.tollgate.gateway.transport;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
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
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.function.Function;

/**
 * The channel and event loop types of one transport.
 *
 * @param socketChannels makes a client socket for an address family, or for either when it is {@code null}
 */
public record Transport(
        String name,
        IoHandlerFactory ioHandlerFactory,
        Class<? extends ServerChannel> serverChannelType,
        Function<SocketProtocolFamily, SocketChannel> socketChannels) {

    /** Epoll when the native library loads on this machine, NIO otherwise. */
    public static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    family -> family == null ? new EpollSocketChannel() : new EpollSocketChannel(family));
        }
        SelectorProvider selectors = SelectorProvider.provider();
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                family -> family == null ? new NioSocketChannel(selectors) : new NioSocketChannel(selectors, family));
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

    /** An event loop group of this transport; {@code threads} 0 means Netty's default (twice the cores). */
    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
    }
}
