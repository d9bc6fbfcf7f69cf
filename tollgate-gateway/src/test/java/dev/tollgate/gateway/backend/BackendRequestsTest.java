package dev.tollgate.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class BackendRequestsTest {

    @Test
    void joinsPathsWithoutDoubleSlashesAndDropsTheAccessToken() {
        URI echo = URI.create("ws://b:7070/echo/");
        assertThat(BackendRequests.target(echo, "", "/ctx/1?access_token=t")).hasToString("ws://b:7070/echo/");
        assertThat(BackendRequests.target(echo, "/room", "/ctx/1/room?x=1&access_token=t&y"))
                .hasToString("ws://b:7070/echo/room?x=1&y");
        assertThat(BackendRequests.target(URI.create("wss://b"), "", "/ctx/1")).hasToString("wss://b/");
        assertThat(BackendRequests.target(URI.create("ws://b/base?fixed=1"), "//deep", "/ctx/1//deep?access%5Ftoken=t"))
                .hasToString("ws://b/base/deep?fixed=1");
    }

    @Test
    void forwardsEndToEndHeadersOnly() {
        HttpHeaders request = new DefaultHttpHeaders()
                .add("Host", "gw:9099")
                .add("Connection", "Upgrade, X-Hop")
                .add("Upgrade", "websocket")
                .add("X-Hop", "per-hop")
                .add("Keep-Alive", "5")
                .add("Proxy-Authorization", "secret")
                .add("Authorization", "Bearer secret")
                .add("Sec-WebSocket-Key", "k")
                .add("Sec-WebSocket-Protocol", "mqtt")
                .add("Origin", "https://app")
                .add("Cookie", "c=1")
                .add("X-Forwarded-For", "10.0.0.1");
        HttpHeaders forwarded = BackendRequests.forwardedHeaders(
                request, new InetSocketAddress("127.0.0.1", 5555), true);
        assertThat(forwarded.names()).containsExactlyInAnyOrder(
                "Origin", "Cookie", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");
        assertThat(forwarded.get("X-Forwarded-For")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(forwarded.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(forwarded.get("X-Forwarded-Host")).isEqualTo("gw:9099");
    }
}
