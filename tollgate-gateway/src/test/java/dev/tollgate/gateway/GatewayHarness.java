package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.EchoHandshake;
import dev.tollgate.echo.EchoServer;
import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.echo.SelfSignedTls;
import dev.tollgate.model.LifecycleState;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A gateway on ephemeral ws and wss ports in front of an echo backend (ws and wss), with a test key manager and a
 * test world; everything on 127.0.0.1. The echo backend records every handshake it accepts.
 */
final class GatewayHarness implements AutoCloseable {

    static final SelfSignedTls TLS = SelfSignedTls.localhost();
    /** Where {@link #withEchoApi}'s API answers. */
    static final String ECHO_PATH = "/echowebsocket/1.0";

    final TestTokens tokens = TestTokens.generate();
    final TestWorld world = new TestWorld(tokens);
    final BlockingQueue<EchoHandshake> backendHandshakes = new LinkedBlockingQueue<>();
    final EchoServer echo;
    final Gateway gateway;

    GatewayHarness(UnaryOperator<GatewayConfig.Builder> customize) {
        echo = EchoServer.start(EchoServer.Config.defaults()
                .wss(0, TLS.key(), TLS.certificate())
                .handshakeListener(backendHandshakes::add));
        GatewayConfig.Builder config = GatewayConfig.builder()
                .bindHost("127.0.0.1")
                .wsPort(0)
                .wssPort(0)
                .tls(TLS.key(), TLS.certificate())
                .backendTrustStore(TLS.trustStore());
        gateway = Gateway.start(customize.apply(config).build(), world.snapshot());
    }

    GatewayHarness() {
        this(UnaryOperator.identity());
    }

    /** A harness whose world has {@link #ECHO_PATH}'s API, published, and the test application subscribed to it. */
    static GatewayHarness withEchoApi(UnaryOperator<GatewayConfig.Builder> customize) {
        GatewayHarness harness = new GatewayHarness(customize);
        harness.world.subscribed(TestWorld.api("echo", "/echowebsocket", "1.0", LifecycleState.PUBLISHED,
                harness.echo.wsUrl()));
        harness.publish();
        return harness;
    }

    /** Publishes the world's next revision to the gateway, and waits until every live connection has taken it. */
    void publish() {
        try {
            gateway.apply(world.snapshot()).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the gateway did not take the snapshot within 10 s", e);
        }
    }

    URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + gateway.wsPort() + pathAndQuery);
    }

    URI wss(String pathAndQuery) {
        return URI.create("wss://localhost:" + gateway.wssPort() + pathAndQuery);
    }

    /** Connects over ws with a valid bearer token in the Authorization header. */
    RecordingWebSocket connect(String pathAndQuery, String... subprotocols) {
        return RecordingWebSocket.connect(ws(pathAndQuery), bearer(tokens.token(TestWorld.CLIENT)), null,
                subprotocols);
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Checks that a message comes back through the gateway, then closes the connection normally. */
    static void echoesThenCloses(RecordingWebSocket client, String message) {
        client.sendText(message);
        assertThat(client.nextText()).isEqualTo(message);
        client.sendClose(CloseCodes.NORMAL, "");
        assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.NORMAL);
    }

    /** The next handshake the echo backend accepted. */
    EchoHandshake nextBackendHandshake() throws InterruptedException {
        EchoHandshake handshake = backendHandshakes.poll(RecordingWebSocket.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (handshake == null) {
            throw new AssertionError("The backend saw no handshake within " + RecordingWebSocket.TIMEOUT);
        }
        return handshake;
    }

    @Override
    public void close() {
        gateway.close();
        echo.close();
    }
}
