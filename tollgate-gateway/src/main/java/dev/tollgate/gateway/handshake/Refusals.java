package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.metrics.GatewayMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Writes a {@link Refusal} as {@code {"code":401,"message":"Unauthorized","description":"..."}} with
 * {@code Connection: close}, and closes the connection once it is sent: a refused client gets one answer only.
 */
final class Refusals {

    /** How long a refused connection keeps draining the client's input before it is closed anyway. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private Refusals() {
    }

    static void send(Channel channel, Refusal refusal, GatewayMetrics metrics) {
        metrics.handshake(refusal.outcome());
        if (!channel.isActive()) {
            return;
        }
        String json = "{\"code\":" + refusal.status().code()
                + ",\"message\":" + quote(refusal.status().reasonPhrase())
                + ",\"description\":" + quote(refusal.description()) + "}";
        ByteBuf body = channel.alloc().buffer(json.length());
        body.writeCharSequence(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        refusal.headers().forEach(response.headers()::set);
        // The refusal may come while reads are paused (an introspection); the write does not need reads.
        channel.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) {
                closeGracefully(channel);
            } else {
                channel.close();
            }
        });
    }

    /**
     * Ends the answer with a half-close, then reads and drops what the client still sends until it closes or
     * {@link #LINGER} passes. Closing at once while a client is still sending (an oversized request) makes the kernel
     * reset the connection, and the client may lose the answer before reading it.
     */
    private static void closeGracefully(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            channel.close();
            return;
        }
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            shutdownOutputAndDrain(duplex);
        } else {
            tls.closeOutbound().addListener(closed -> shutdownOutputAndDrain(duplex));
        }
    }

    private static void shutdownOutputAndDrain(DuplexChannel channel) {
        channel.shutdownOutput().addListener(done -> {
            if (done.isSuccess() && channel.isActive()) {
                // Whatever comes now is dropped by the handshake handler, which takes one request only.
                channel.config().setAutoRead(true);
            } else {
                channel.close();
            }
        });
    }

    /** A JSON string literal; descriptions may carry a client's path, so every control character is escaped. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
