package dev.tollgate.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the relay handlers do when their event loop's idle sweep finds a leg silent. */
class RelayKeepAliveTest {

    private static final String KEEPALIVE = "tollgate-keepalive";

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EmbeddedChannel backend = new EmbeddedChannel();
    private final IdleSweep sweep = IdleSweep.manual();

    RelayKeepAliveTest() {
        Connection connection = Connection.open(client, false);
        connection.backend(backend);
        client.pipeline().addLast(new RelayHandler(connection, Side.CLIENT, sweep, () -> { }));
        backend.pipeline().addLast(new RelayHandler(connection, Side.BACKEND, sweep, () -> { }));
    }

    @AfterEach
    void releaseWhatWasWritten() {
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    private void sweep(int times) {
        for (int i = 0; i < times; i++) {
            sweep.run();
        }
    }

    /**
     * What {@code channel} was sent since the last call, as short descriptions, without the empty buffers that
     * flush a closing leg; everything read is released.
     */
    private static List<String> written(EmbeddedChannel channel) {
        channel.runPendingTasks();
        List<String> frames = new ArrayList<>();
        Object frame;
        while ((frame = channel.readOutbound()) != null) {
            if (frame instanceof PingWebSocketFrame ping) {
                frames.add("ping " + ping.content().toString(StandardCharsets.US_ASCII));
            } else if (frame instanceof PongWebSocketFrame pong) {
                frames.add("pong " + pong.content().toString(StandardCharsets.US_ASCII));
            } else if (frame instanceof CloseWebSocketFrame close) {
                frames.add("close " + close.statusCode() + " " + close.reasonText());
            } else if (!(frame instanceof ByteBuf empty && !empty.isReadable())) {
                frames.add(frame.getClass().getSimpleName());
            }
            ReferenceCountUtil.release(frame);
        }
        return frames;
    }

    private static void pong(EmbeddedChannel from, String payload) {
        from.pipeline().fireChannelRead(
                new PongWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.US_ASCII)));
        from.pipeline().fireChannelReadComplete();
    }

    @Test
    void bothLegsAreWatchedFromWhenTheirHandlersAreAdded() {
        assertThat(sweep.size()).isEqualTo(2);
        client.close();
        sweep.run();
        assertThat(sweep.size()).isEqualTo(1);
    }

    @Test
    void silentLegsArePingedThenClosedWith1001AndPingedNoMore() {
        sweep(IdleSweep.PING_AFTER + 1);
        assertThat(written(client)).containsExactly("ping " + KEEPALIVE);
        assertThat(written(backend)).containsExactly("ping " + KEEPALIVE);

        sweep(IdleSweep.CLOSE_AFTER - IdleSweep.PING_AFTER);
        assertThat(written(client)).containsExactly("close 1001 Idle timeout");
        // An embedded channel completes writes at once, so the client leg is already gone when the backend's close
        // is written, and that close may name the loss; on a socket the idle close reaches both (GatewayLimitsTest).
        assertThat(written(backend)).singleElement().asString().startsWith("close 1001 ");

        // Still open while the close handshake runs: the sweep counts again, but a leg sent a close gets no ping.
        sweep(IdleSweep.CLOSE_AFTER);
        assertThat(written(client)).isEmpty();
        assertThat(written(backend)).isEmpty();
    }

    @Test
    void theGatewaysPongIsConsumedAndOtherPongsAreRelayed() {
        sweep(IdleSweep.PING_AFTER + 1);
        written(client);
        written(backend);

        pong(client, KEEPALIVE);
        pong(client, "the application's own");
        assertThat(written(backend)).containsExactly("pong the application's own");

        // The client answered; only the silent backend leg ends the connection.
        sweep(IdleSweep.CLOSE_AFTER - IdleSweep.PING_AFTER);
        assertThat(written(client)).containsExactly("close " + CloseCodes.GOING_AWAY + " Idle timeout");
    }

    @Test
    void aLegThatReadsBetweenSweepsIsNeverPinged() {
        for (int i = 0; i < 3 * IdleSweep.CLOSE_AFTER; i++) {
            client.pipeline().fireChannelReadComplete();
            backend.pipeline().fireChannelReadComplete();
            sweep.run();
        }
        assertThat(written(client)).isEmpty();
        assertThat(written(backend)).isEmpty();
    }
}
