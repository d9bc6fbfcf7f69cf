package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.echo.RecordingWebSocket;
import dev.tollgate.gateway.transport.Transport;
import dev.tollgate.model.LifecycleState;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay on each transport: the byte path (no extension), the decoded path (permessage-deflate), and TLS on both
 * legs. In CI a native transport this Linux machine cannot load fails the test rather than skipping it.
 */
@ExtendWith(NoLeaks.class)
class TransportTest {

    @ParameterizedTest
    @EnumSource(value = Transport.Kind.class, names = {"IO_URING", "EPOLL", "NIO"})
    void relaysEveryKindOfMessageOnEachTransport(Transport.Kind kind) throws Exception {
        requireAvailable(kind);
        try (GatewayHarness harness = GatewayHarness.withEchoApi(config -> config.transport(kind))) {
            harness.world.subscribed(TestWorld.api("secure", "/secure/echo", "v1", LifecycleState.PUBLISHED,
                    harness.echo.wssUrl()));
            harness.publish();
            assertThat(harness.gateway.transport()).isEqualTo(kind);

            RecordingWebSocket plain = harness.connect(GatewayHarness.ECHO_PATH);
            byte[] large = new byte[3 * 1024 * 1024 + 17];
            new Random(7).nextBytes(large);
            for (int i = 0; i < 3; i++) {
                plain.sendBinary(large);
                assertThat(plain.nextBinary()).isEqualTo(large);
            }
            plain.sendTextFragments("io ", "on ", kind.configName());
            assertThat(plain.nextText()).isEqualTo("io on " + kind.configName());
            GatewayHarness.echoesThenCloses(plain, "byte path");

            try (NettyWebSocket deflated = NettyWebSocket.connect(harness.ws(GatewayHarness.ECHO_PATH),
                    harness.tokens.token(TestWorld.CLIENT), true)) {
                deflated.sendText("decoded path ".repeat(1000));
                assertThat(deflated.nextMessage()).isEqualTo("decoded path ".repeat(1000));
            }

            RecordingWebSocket secure = RecordingWebSocket.connect(harness.wss("/secure/echo/v1"),
                    GatewayHarness.bearer(harness.tokens.token(TestWorld.CLIENT)), GatewayHarness.TLS.clientContext());
            GatewayHarness.echoesThenCloses(secure, "tls on both legs");
        }
    }

    @Test
    void autoPicksTheBestNativeTransportThisMachineHas() {
        Transport.Kind expected = IoUring.isAvailable() ? Transport.Kind.IO_URING
                : Epoll.isAvailable() ? Transport.Kind.EPOLL : Transport.Kind.NIO;
        assertThat(Transport.best().kind()).isEqualTo(expected);
        assertThat(GatewayConfig.builder().build().transport()).isEqualTo(Transport.Kind.AUTO);
    }

    private static void requireAvailable(Transport.Kind kind) {
        Throwable cause = switch (kind) {
            case IO_URING -> IoUring.unavailabilityCause();
            case EPOLL -> Epoll.unavailabilityCause();
            default -> null;
        };
        if (cause == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("The " + kind.configName() + " transport cannot run on this machine", cause);
        }
        Assumptions.abort("The " + kind.configName() + " transport cannot run here: " + cause);
    }
}
