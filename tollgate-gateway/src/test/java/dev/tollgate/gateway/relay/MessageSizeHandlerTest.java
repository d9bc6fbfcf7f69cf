package dev.tollgate.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages are summed across their continuation frames; pings and new messages start no new count of their own. */
class MessageSizeHandlerTest {

    private final EmbeddedChannel leg = new EmbeddedChannel(new MessageSizeHandler(10));

    @AfterEach
    void releaseWhatPassed() {
        leg.finishAndReleaseAll();
    }

    @Test
    void eachMessageMayReachTheLimit() {
        assertThat(leg.writeInbound(binary(false, 6), continuation(true, 4), new TextWebSocketFrame("0123456789")))
                .isTrue();
        assertThat(leg.inboundMessages()).hasSize(3);
    }

    @Test
    void controlFramesBetweenFragmentsAreNotCounted() {
        leg.writeInbound(binary(false, 6), new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[100])),
                continuation(true, 4));
        assertThat(leg.inboundMessages()).hasSize(3);
    }

    @Test
    void aMessageOverTheLimitFailsTheLegAndReleasesWhatFollows() {
        WebSocketFrame first = binary(false, 6);
        WebSocketFrame over = continuation(false, 5);
        WebSocketFrame after = continuation(true, 1);
        leg.writeInbound(first);
        assertThatThrownBy(() -> leg.writeInbound(over))
                .isInstanceOfSatisfying(CorruptedWebSocketFrameException.class, e -> {
                    assertThat(e.closeStatus()).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG);
                    assertThat(e.getMessage()).isEqualTo(MessageSizeHandler.TOO_BIG);
                });
        leg.writeInbound(after);
        assertThat(over.refCnt()).isZero();
        assertThat(after.refCnt()).isZero();
        assertThat(leg.inboundMessages()).containsExactly(first);
    }

    private static WebSocketFrame binary(boolean last, int bytes) {
        return new BinaryWebSocketFrame(last, 0, Unpooled.wrappedBuffer(new byte[bytes]));
    }

    private static WebSocketFrame continuation(boolean last, int bytes) {
        return new ContinuationWebSocketFrame(last, 0, Unpooled.wrappedBuffer(new byte[bytes]));
    }
}
