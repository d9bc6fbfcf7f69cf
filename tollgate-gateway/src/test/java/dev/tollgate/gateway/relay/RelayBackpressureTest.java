package dev.tollgate.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay stops reading a leg while its partner cannot take more, and reads again once the partner drained. */
class RelayBackpressureTest {

    private static final WriteBufferWaterMark TINY = new WriteBufferWaterMark(8, 16);

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EmbeddedChannel backend = new EmbeddedChannel();

    RelayBackpressureTest() {
        Connection connection = Connection.open(client, false);
        connection.backend(backend);
        client.config().setWriteBufferWaterMark(TINY);
        backend.config().setWriteBufferWaterMark(TINY);
        client.pipeline().addLast(new RelayHandler(connection, Side.CLIENT, IdleSweep.OFF, () -> { }));
        backend.pipeline().addLast(new RelayHandler(connection, Side.BACKEND, IdleSweep.OFF, () -> { }));
    }

    @AfterEach
    void releaseWhatWasWritten() {
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    @Test
    void aFullClientLegPausesTheBackendUntilItDrains() {
        relayUntilFull(backend, client);
        assertThat(backend.config().isAutoRead()).isFalse();
        assertThat(client.config().isAutoRead()).isTrue();

        drain(client);
        assertThat(backend.config().isAutoRead()).isTrue();
    }

    @Test
    void aFullBackendLegPausesTheClientUntilItDrains() {
        relayUntilFull(client, backend);
        assertThat(client.config().isAutoRead()).isFalse();
        assertThat(backend.config().isAutoRead()).isTrue();

        drain(backend);
        assertThat(client.config().isAutoRead()).isTrue();
    }

    /** A frame read from {@code from} larger than the high water mark, relayed to {@code to} but not yet flushed. */
    private static void relayUntilFull(EmbeddedChannel from, EmbeddedChannel to) {
        from.pipeline().fireChannelRead(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[64])));
        to.runPendingTasks();
        assertThat(to.isWritable()).isFalse();
    }

    private static void drain(EmbeddedChannel channel) {
        channel.flush();
        channel.runPendingTasks();
        assertThat(channel.isWritable()).isTrue();
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(written);
        }
    }
}
