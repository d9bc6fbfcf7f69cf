package dev.tollgate.gateway.throttle;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import dev.tollgate.gateway.relay.DisconnectRequest;
import dev.tollgate.gateway.throttle.ConnectionQuotas.Verdict;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Counts the data frames coming from one leg against the connection's quotas, in front of that leg's relay handler.
 *
 * <ul>
 *   <li>Text, binary and continuation frames count, each frame once (a message in three fragments counts three, as
 *       WSO2 counts frames); ping, pong and close frames never count and pass untouched.</li>
 *   <li>Over a quota that drops frames: the frame is released, and the <em>client</em> gets the text frame
 *       {@code Error code: 4008 reason: Websocket frame throttled out}, WSO2's notice. This holds for frames from
 *       the backend too: they are dropped and the client, whose plan is spent, is told; the backend is not.</li>
 *   <li>Over a quota that closes: both legs are closed with 4008 "Websocket frame throttled out", through the relay's
 *       {@link DisconnectRequest}.</li>
 *   <li>While a shared quota asks Redis, frames wait here in arrival order (this leg stops reading meanwhile) and
 *       go on once it answered; the queue is bounded, and frames beyond it count as throttled.</li>
 * </ul>
 *
 * <p>Passing a frame allocates nothing: the quotas decrement counters, and the notice's bytes are one read-only
 * buffer shared by every connection.
 */
final class ThrottleHandler extends ChannelInboundHandlerAdapter {

    /** Frames one leg may have waiting for Redis: what one read can decode, with room to spare. */
    static final int MAX_WAITING = 1024;

    private final ConnectionQuotas quotas;
    private final Connection connection;
    private final Side side;
    private final Runnable retry = this::drain;
    private final Runnable wake;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    ThrottleHandler(ConnectionQuotas quotas, Side side) {
        this.quotas = quotas;
        this.connection = quotas.connection();
        this.side = side;
        Channel leg = connection.channel(side);
        this.wake = () -> leg.eventLoop().execute(retry);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!waiting.isEmpty()) {
            queue(msg);
            return;
        }
        if (!isData(msg)) {
            context.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        Verdict verdict = quotas.admit(frame.content().readableBytes(), side, wake);
        if (verdict == Verdict.WAIT) {
            waiting.addLast(frame);
            context.channel().config().setAutoRead(false);
        } else {
            act(verdict, frame);
        }
    }

    private void queue(Object msg) {
        if (waiting.size() < MAX_WAITING || !isData(msg)) {
            waiting.addLast(msg);
        } else {
            ReferenceCountUtil.release(msg);
            quotas.notifyClient();
        }
    }

    /** Runs on the event loop when a shared quota answered: frames go on in order until one has to wait again. */
    private void drain() {
        if (ctx.isRemoved()) {
            return;
        }
        for (Object head = waiting.peekFirst(); head != null; head = waiting.peekFirst()) {
            if (!isData(head)) {
                waiting.pollFirst();
                ctx.fireChannelRead(head);
                continue;
            }
            WebSocketFrame frame = (WebSocketFrame) head;
            Verdict verdict = quotas.admit(frame.content().readableBytes(), side, wake);
            if (verdict == Verdict.WAIT) {
                quotas.flushNotices();
                return;
            }
            waiting.pollFirst();
            act(verdict, frame);
        }
        connection.resumeReading(side);
        // The relay flushes what it forwarded at the end of a read burst; this was one.
        ctx.fireChannelReadComplete();
        quotas.flushNotices();
    }

    private void act(Verdict verdict, WebSocketFrame frame) {
        if (verdict == Verdict.PASS) {
            ctx.fireChannelRead(frame);
            return;
        }
        frame.release();
        if (verdict == Verdict.CLOSE) {
            ctx.fireUserEventTriggered(ConnectionQuotas.THROTTLED_OUT);
        } else {
            quotas.notifyClient();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        quotas.flushNotices();
        context.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        releaseWaiting();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        releaseWaiting();
        context.fireChannelInactive();
    }

    private void releaseWaiting() {
        for (Object msg = waiting.pollFirst(); msg != null; msg = waiting.pollFirst()) {
            ReferenceCountUtil.release(msg);
        }
    }

    private static boolean isData(Object msg) {
        return msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame;
    }
}
