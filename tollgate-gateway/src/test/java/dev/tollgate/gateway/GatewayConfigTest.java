package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void statesItsDefaults() {
        GatewayConfig config = GatewayConfig.builder().build();
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(config.wsPort()).isEqualTo(9099);
        assertThat(config.wssPort()).isEqualTo(GatewayConfig.DISABLED);
        assertThat(config.maxFramePayload()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.maxMessageSize()).isEqualTo(64 * 1024 * 1024);
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.idleTimeout()).isZero();
        assertThat(config.insecureBackendTls()).isFalse();
        assertThat(config.perMessageDeflate()).isTrue();
        assertThat(config.meterRegistry()).isEmpty();
        assertThat(config.backendTrustStore()).isEmpty();
        assertThat(config.tokenIntrospector()).isEmpty();
        assertThat(config.introspectionCacheSize()).isEqualTo(10_000);
        assertThat(config.introspectionCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.introspectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesBadArgumentsWithTheirName() {
        assertThatThrownBy(() -> GatewayConfig.builder().wsPort(70_000)).hasMessageStartingWith("wsPort: 70000");
        assertThatThrownBy(() -> GatewayConfig.builder().wssPort(-2)).hasMessageStartingWith("wssPort: -2");
        assertThatThrownBy(() -> GatewayConfig.builder().maxFramePayload(10))
                .hasMessageStartingWith("maxFramePayload: 10");
        assertThatThrownBy(() -> GatewayConfig.builder().maxMessageSize(124))
                .hasMessageStartingWith("maxMessageSize: 124");
        assertThatThrownBy(() -> GatewayConfig.builder().handshakeTimeout(Duration.ZERO))
                .hasMessageStartingWith("handshakeTimeout: PT0S");
        assertThatThrownBy(() -> GatewayConfig.builder().idleTimeout(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("idleTimeout: PT-1S");
        assertThatThrownBy(() -> GatewayConfig.builder().bindHost(" ")).hasMessageStartingWith("bindHost:");
        assertThatThrownBy(() -> GatewayConfig.builder().introspectionCacheSize(-1))
                .hasMessageStartingWith("introspectionCacheSize: -1");
        assertThatThrownBy(() -> GatewayConfig.builder().introspectionCacheTtl(Duration.ZERO))
                .hasMessageStartingWith("introspectionCacheTtl: PT0S");
        assertThatThrownBy(() -> GatewayConfig.builder().introspectionTimeout(Duration.ofMillis(-5)))
                .hasMessageStartingWith("introspectionTimeout: PT-0.005S");
    }

    @Test
    void refusesInconsistentListeners() {
        assertThatThrownBy(() -> GatewayConfig.builder().wssPort(8099).build())
                .hasMessageContaining("wssPort: 8099 needs tls(key, chain)");
        assertThatThrownBy(() -> GatewayConfig.builder().wsPort(-1).build())
                .hasMessageContaining("both disabled");
        assertThatThrownBy(() -> GatewayConfig.builder().maxFramePayload(4096).maxMessageSize(4095).build())
                .hasMessageStartingWith("maxMessageSize: 4095 (expected: at least maxFramePayload, 4096)");
    }
}
