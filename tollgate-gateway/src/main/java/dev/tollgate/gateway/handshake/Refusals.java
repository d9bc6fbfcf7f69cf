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
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Refusal} as {@code {"code":401,"message":"Unauthorized","description":"..."}} with
 * {@code Connection: close}, and closes the connection once it is sent: a refused client gets one answer only.
 */
final class Refusals {

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
        // The refusal may come while reads are paused for the backend connect; the write does not need reads.
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
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
