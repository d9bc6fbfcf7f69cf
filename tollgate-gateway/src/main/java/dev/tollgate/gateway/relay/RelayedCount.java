package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;

/** The frames and payload bytes one leg relayed in one read, reported to the meters once the read is over. */
final class RelayedCount {

    private int frames;
    private long bytes;

    void add(long payloadBytes) {
        frames++;
        bytes += payloadBytes;
    }

    void report(Connection connection, Side from) {
        if (frames == 0) {
            return;
        }
        if (from == Side.CLIENT) {
            connection.meters().clientToBackend(frames, bytes);
        } else {
            connection.meters().backendToClient(frames, bytes);
        }
        frames = 0;
        bytes = 0;
    }
}
