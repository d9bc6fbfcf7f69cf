package dev.tollgate.gateway.handshake;

import dev.tollgate.gateway.compression.PerMessageDeflate;
import dev.tollgate.gateway.connection.HandlerNames;
import dev.tollgate.gateway.frame.SecWebSocketAccept;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.util.CharsetUtil;

/**
 * Accepts the client's upgrade: switches its pipeline from HTTP to WebSocket frames and writes the {@code 101}
 * (RFC 6455 §4.2.2) as one buffer, with the subprotocol and the extension the gateway answers.
 *
 * <p>The request was checked by {@link UpgradeRequestCheck}; Netty's server handshaker would check it again, build
 * a response object and run it through the HTTP encoder. The frame decoder is the relay's to choose (bytes or decoded
 * frames), so only the encoders go in here.
 */
final class ClientUpgrade {

    private ClientUpgrade() {
    }

    /**
     * @param subprotocol the subprotocol to answer, or {@code null} for none
     * @param extension the extension the gateway accepted from the client's offer, or {@code null} for none
     * @return the write of the {@code 101}
     */
    static ChannelFuture accept(Channel client, HttpHeaders request, String subprotocol,
            WebSocketServerExtension extension) {
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(SecWebSocketAccept.of(request.get(HttpHeaderNames.SEC_WEBSOCKET_KEY)))
                .append("\r\n");
        if (subprotocol != null) {
            head.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
        }
        if (extension != null) {
            head.append("Sec-WebSocket-Extensions: ")
                    .append(PerMessageDeflate.headerValue(extension.newReponseData())).append("\r\n");
        }
        head.append("\r\n");

        ChannelPipeline pipeline = client.pipeline();
        // What the HTTP decoder may still hold after the request goes to the handshake handler, which drops it.
        pipeline.remove(HandlerNames.HTTP_AGGREGATOR);
        pipeline.remove(HandlerNames.HTTP_CODEC);
        // In front of the handshake handler, so right behind TLS if any; the extension's encoder nearer the relay
        // than the frame encoder, so that frames are compressed before they are framed.
        pipeline.addBefore(HandlerNames.HANDSHAKE, HandlerNames.FRAME_ENCODER, new WebSocket13FrameEncoder(false));
        if (extension != null) {
            pipeline.addBefore(HandlerNames.HANDSHAKE, HandlerNames.EXTENSION_DECODER,
                    extension.newExtensionDecoder());
            pipeline.addBefore(HandlerNames.HANDSHAKE, HandlerNames.EXTENSION_ENCODER,
                    extension.newExtensionEncoder());
        }
        ByteBuf response = client.alloc().buffer(head.length());
        response.writeCharSequence(head, CharsetUtil.ISO_8859_1);
        ChannelFuture written = client.writeAndFlush(response);
        if (!written.isDone()) {
            // The relay starts when the 101 is written, usually at once; until then the client's first frames
            // would reach the handshake handler, which drops them, so reads wait (the relay resumes them).
            client.config().setAutoRead(false);
        }
        return written;
    }
}
