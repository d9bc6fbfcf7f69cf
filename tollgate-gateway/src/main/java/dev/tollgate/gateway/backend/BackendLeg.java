package dev.tollgate.gateway.backend;

import io.netty.channel.Channel;
import java.util.Objects;

/**
 * A backend connection whose WebSocket handshake completed.
 *
 * @param subprotocol the subprotocol the backend chose, or {@code null} when it chose none
 */
public record BackendLeg(Channel channel, String subprotocol) {

    public BackendLeg {
        Objects.requireNonNull(channel, "channel");
    }
}
