package dev.tollgate.gateway.handshake;

/**
 * One decision of the client's handshake. {@link HandshakeHandler} runs the stages in order on the upgrade request;
 * each lets the handshake go on ({@link Handshake#proceed()}) or refuses it ({@link Handshake#refuse(Refusal)}), at
 * once or, when it waits for something (a token introspection, the backend), later on the connection's event loop.
 * The last stage neither: it completes the handshake.
 *
 * <p>A stage that throws has not taken the request: the handshake releases it and closes the connection.
 */
interface HandshakeStage {

    /** Runs on the connection's event loop and must not block. */
    void decide(Handshake handshake);
}
