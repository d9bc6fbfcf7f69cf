package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.connection.CloseReason;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.TimeUnit;

/**
 * The close rules of a relayed connection, run on its event loop.
 *
 * <ul>
 *   <li>A close frame from one leg is forwarded, code and reason intact, to the other; once both legs have sent
 *       theirs, both channels close.</li>
 *   <li>A leg that answers no close within {@link #CLOSE_REPLY_MILLIS} is closed anyway.</li>
 *   <li>A leg lost without a close frame gets its partner a 1001, and the partner is closed within
 *       {@link #LINGER_MILLIS}, written or not: no half-open pairs.</li>
 *   <li>A backend leg that the gateway closes is closed once the backend answers or closes, within
 *       {@link #SERVER_CLOSE_MILLIS}: the gateway is its client.</li>
 * </ul>
 */
final class Closing {

    /** How long a leg has to answer a forwarded close before both are closed. */
    static final long CLOSE_REPLY_MILLIS = 5_000;
    /** How long a channel may take to flush its last frames before it is closed regardless. */
    static final long LINGER_MILLIS = 1_000;
    /** How long the backend has to answer the gateway's close, or close itself, before the gateway closes. */
    static final long SERVER_CLOSE_MILLIS = 500;

    private Closing() {
    }

    /** A close frame arrived from {@code from}; the frame is taken over (forwarded or released). */
    static void closeReceived(Connection connection, Side from, CloseWebSocketFrame frame) {
        connection.markCloseReceived(from);
        connection.recordCloseCode(frame.statusCode());
        Side to = from.other();
        Channel peer = connection.channel(to);
        boolean bothClosed = connection.closeReceived(to);
        ChannelFuture forwarded = null;
        if (!connection.closeSent(to) && peer.isActive()) {
            connection.markCloseSent(to);
            forwarded = peer.writeAndFlush(frame);
        } else {
            frame.release();
        }
        if (bothClosed || !peer.isActive()) {
            if (forwarded == null) {
                closeBoth(connection);
            } else {
                forwarded.addListener(written -> closeBoth(connection));
            }
        } else {
            whileOpen(connection.channel(to), () -> closeBoth(connection), CLOSE_REPLY_MILLIS);
        }
    }

    /** The leg {@code lost} closed without finishing the close handshake. */
    static void legLost(Connection connection, Side lost) {
        connection.recordCloseCode(CloseCodes.ABNORMAL_CLOSURE);
        String reason = lost == Side.CLIENT ? "Client went away" : "Backend went away";
        sendCloseAndClose(connection, lost.other(), new CloseReason(CloseCodes.GOING_AWAY, reason));
    }

    /** The leg {@code failed} hit an unexpected error: it is closed, its partner gets 1011. */
    static void legFailed(Connection connection, Side failed) {
        String reason = failed == Side.CLIENT ? "Client connection failed" : "Backend connection failed";
        connection.recordCloseCode(CloseCodes.INTERNAL_ERROR);
        sendCloseAndClose(connection, failed.other(), new CloseReason(CloseCodes.INTERNAL_ERROR, reason));
        closeAfterFlush(connection.channel(failed));
    }

    /**
     * The leg {@code broken} sent something the gateway cannot relay (a frame that breaks RFC 6455, invalid UTF-8, an
     * undecompressable or too large compressed message): it gets {@code reason} and is closed, reading nothing more;
     * its partner hears of it when the leg goes inactive.
     */
    static void failLeg(Connection connection, Side broken, CloseReason reason) {
        connection.recordCloseCode(reason.code());
        Channel channel = connection.channel(broken);
        channel.config().setAutoRead(false);
        sendCloseAndClose(connection, broken, reason);
    }

    /** The gateway ends the connection: both legs get the close frame and are closed. */
    static void disconnect(Connection connection, CloseReason reason) {
        connection.recordCloseCode(reason.code());
        sendCloseAndClose(connection, Side.CLIENT, reason);
        sendCloseAndClose(connection, Side.BACKEND, reason);
    }

    private static void sendCloseAndClose(Connection connection, Side to, CloseReason reason) {
        Channel channel = connection.channel(to);
        if (channel == null || !channel.isActive()) {
            return;
        }
        if (!connection.closeSent(to)) {
            connection.markCloseSent(to);
            channel.write(new CloseWebSocketFrame(reason.code(), reason.reason()));
        }
        if (to == Side.BACKEND) {
            awaitServerClose(channel);
        } else {
            closeAfterFlush(channel);
        }
    }

    /**
     * Toward the backend the gateway is the client, which RFC 6455 section 7.1.1 has wait for the server to close the
     * TCP connection. Closing at once would also lose the close frame whenever the backend sent something meanwhile:
     * a socket closed with unread input sends a reset, and the backend's kernel drops what it had not read yet. So the
     * leg keeps reading (what it sends is dropped by the relay) until the backend closes, answers with its close
     * frame ({@link #closeReceived}), or {@link #SERVER_CLOSE_MILLIS} pass.
     */
    private static void awaitServerClose(Channel channel) {
        channel.flush();
        channel.config().setAutoRead(true);
        whileOpen(channel, channel::close, SERVER_CLOSE_MILLIS);
    }

    private static void closeBoth(Connection connection) {
        closeAfterFlush(connection.client());
        closeAfterFlush(connection.backend());
    }

    /**
     * Closes once everything written so far is flushed, and in any case after {@link #LINGER_MILLIS}: a peer that
     * stopped reading must not keep the channel open.
     */
    static void closeAfterFlush(Channel channel) {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        whileOpen(channel, channel::close, LINGER_MILLIS);
    }

    /**
     * Runs {@code action} after {@code millis} unless {@code channel} closed first. The timer is cancelled with the
     * channel, so that a gateway closing thousands of connections a second keeps no timers (nor channels) of closed
     * connections in its event loops' queues.
     */
    private static void whileOpen(Channel channel, Runnable action, long millis) {
        ScheduledFuture<?> timer = channel.eventLoop().schedule(action, millis, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> timer.cancel(false));
    }
}
