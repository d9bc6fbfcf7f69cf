package dev.tollgate.gateway.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stages run in order on one request per connection, and a stage that fails ends the connection cleanly. */
class HandshakeHandlerTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void runsTheStagesInOrderOnTheFirstRequestOnly() {
        List<FullHttpRequest> taken = new ArrayList<>();
        EmbeddedChannel channel = channel(List.of(check("first"), check("second"), handshake -> {
            ran.add("last");
            taken.add(handshake.request());
        }));
        FullHttpRequest first = request();
        FullHttpRequest second = request();

        channel.writeInbound(first);
        channel.writeInbound(second);

        assertThat(ran).containsExactly("first", "second", "last");
        assertThat(taken).containsExactly(first);
        assertThat(first.refCnt()).isEqualTo(1);
        assertThat(second.refCnt()).isZero();
        assertThat(channel.isOpen()).isTrue();
        first.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aRefusalStopsTheStagesAndReleasesTheRequest() {
        EmbeddedChannel channel = channel(List.of(check("first"),
                (HandshakeCheck) (request, connection) -> Optional.of(Refusal.forbidden("no")), check("never")));
        FullHttpRequest request = request();

        channel.writeInbound(request);

        assertThat(ran).containsExactly("first");
        assertThat(request.refCnt()).isZero();
        Object answer = channel.readOutbound();
        assertThat(answer).asString().contains("403");
        ReferenceCountUtil.release(answer);
        channel.finishAndReleaseAll();
    }

    @Test
    void aStageThatThrowsClosesTheConnectionAndReleasesTheRequest() {
        EmbeddedChannel channel = channel(List.of(check("first"), handshake -> {
            throw new IllegalStateException("broken stage");
        }, check("never")));
        FullHttpRequest request = request();

        channel.writeInbound(request);

        assertThat(ran).containsExactly("first");
        assertThat(request.refCnt()).isZero();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aLastStageThatLetsTheRequestThroughClosesTheConnection() {
        EmbeddedChannel channel = channel(List.of(check("only")));
        FullHttpRequest request = request();

        channel.writeInbound(request);

        assertThat(ran).containsExactly("only");
        assertThat(request.refCnt()).isZero();
        assertThat(channel.isOpen()).isFalse();
    }

    private HandshakeCheck check(String name) {
        return (request, connection) -> {
            ran.add(name);
            return Optional.empty();
        };
    }

    private static EmbeddedChannel channel(List<HandshakeStage> stages) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new HandshakeHandler(stages, GatewayMetrics.none(), Duration.ofSeconds(10)));
        Connection.open(channel, false);
        return channel;
    }

    private static FullHttpRequest request() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/1.0");
    }
}
