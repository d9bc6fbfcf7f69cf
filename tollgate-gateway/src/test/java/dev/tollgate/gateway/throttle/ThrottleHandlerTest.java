package dev.tollgate.gateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.auth.VerifiedToken;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import dev.tollgate.gateway.metrics.ApiMeters;
import dev.tollgate.gateway.relay.DisconnectRequest;
import dev.tollgate.gateway.routing.Route;
import dev.tollgate.gateway.snapshot.ActiveSnapshot;
import dev.tollgate.model.Endpoint;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.QuotaAction;
import dev.tollgate.model.QuotaType;
import dev.tollgate.model.RuntimeApi;
import dev.tollgate.model.RuntimeApplication;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.RuntimeSubscription;
import dev.tollgate.model.SubscriptionStatus;
import dev.tollgate.model.ThrottlePolicy;
import dev.tollgate.model.TokenTrust;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The throttle handler and its quotas on embedded channels: counting, refunds, plan levels, actions. */
class ThrottleHandlerTest {

    private static final RuntimeApi API = new RuntimeApi("api-1", "Api", "/api", "1.0", LifecycleState.PUBLISHED,
            new Endpoint(URI.create("ws://127.0.0.1:1/"), EndpointSettings.DEFAULTS), List.of("Plan"), "ApiPlan");
    private static final RuntimeSubscription SUBSCRIPTION =
            new RuntimeSubscription("sub-1", "app-1", "api-1", "Plan", SubscriptionStatus.UNBLOCKED);

    private final Throttling throttling = Throttling.start(null, null);
    private final List<Object> events = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        throttling.close();
    }

    private static ThrottlePolicy plan(String name, QuotaType type, long limit, QuotaAction action, boolean stop) {
        return new ThrottlePolicy(name, name, "", type, limit, Duration.ofMinutes(1), 0, Duration.ZERO, action, stop);
    }

    private static RuntimeSnapshot snapshot(long revision, ThrottlePolicy subscriptionPlan,
            ThrottlePolicy applicationPlan, ThrottlePolicy apiPlan) {
        return RuntimeSnapshot.of(revision, new TokenTrust("https://issuer", "{\"keys\":[]}"), List.of(API),
                List.of(new RuntimeApplication("app-1", "App", "alice", applicationPlan.name())), List.of(),
                List.of(SUBSCRIPTION), List.of(subscriptionPlan), List.of(applicationPlan), List.of(apiPlan),
                List.of());
    }

    /** A connection whose client leg is an embedded channel with the throttle handler in front of a recorder. */
    private EmbeddedChannel client(RuntimeSnapshot snapshot) {
        EmbeddedChannel client = new EmbeddedChannel();
        channels.add(client);
        Connection connection = Connection.open(client, false);
        connection.routed(ActiveSnapshot.of(snapshot, Clock.systemUTC()), new Route(API, ""), ApiMeters.NONE);
        connection.authenticated(new VerifiedToken("jti", "client", Instant.now().plusSeconds(60)), "app-1");
        ConnectionQuotas quotas = throttling.admit(connection, SUBSCRIPTION);
        if (quotas != null) {
            connection.throttled(quotas);
            client.pipeline().addLast(quotas.handler(Side.CLIENT));
        }
        client.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                events.add(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                events.add(event);
            }
        });
        return client;
    }

    private static ThrottlePolicy unlimited(String name) {
        return new ThrottlePolicy(name, name, "", QuotaType.UNLIMITED, 0, Duration.ofMinutes(1), true);
    }

    private String nextNotice(EmbeddedChannel client) {
        TextWebSocketFrame notice = client.readOutbound();
        assertThat(notice).as("a notice to the client").isNotNull();
        try {
            return notice.text();
        } finally {
            notice.release();
        }
    }

    private void releaseEvents() {
        events.forEach(event -> {
            if (event instanceof WebSocketFrame frame) {
                frame.release();
            }
        });
        events.clear();
    }

    @Test
    void allUnlimitedPlansGiveNoQuotasAtAll() {
        client(snapshot(1, unlimited("Plan"), unlimited("Unlimited"), unlimited("ApiPlan")));
        assertThat(channels.get(0).pipeline().get(ThrottleHandler.class)).isNull();
    }

    @Test
    void dataFramesCountOncePerFrameAndControlFramesNever() {
        EmbeddedChannel client = client(snapshot(1, plan("Plan", QuotaType.EVENT_COUNT, 3, QuotaAction.DROP_FRAME,
                true), unlimited("Unlimited"), unlimited("ApiPlan")));
        client.writeInbound(new TextWebSocketFrame(false, 0, "a"));
        client.writeInbound(new ContinuationWebSocketFrame(true, 0, "b"));
        client.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
        client.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {2})));
        assertThat(events).hasSize(4);
        assertThat((Object) client.readOutbound()).isNull();

        client.writeInbound(new TextWebSocketFrame("over"));
        assertThat(events).hasSize(4);
        assertThat(nextNotice(client)).isEqualTo("Error code: 4008 reason: Websocket frame throttled out");
        releaseEvents();
    }

    @Test
    void theFirstSpentPlanDecidesAndTheOthersGetTheirTokensBack() {
        ThrottlePolicy applicationPlan = plan("AppTwo", QuotaType.EVENT_COUNT, 2, QuotaAction.CLOSE_CONNECTION, true);
        RuntimeSnapshot snapshot = snapshot(1, plan("Plan", QuotaType.EVENT_COUNT, 3, QuotaAction.DROP_FRAME, true),
                applicationPlan, plan("ApiPlan", QuotaType.EVENT_COUNT, 100, QuotaAction.DROP_FRAME, true));
        EmbeddedChannel client = client(snapshot);
        client.writeInbound(new TextWebSocketFrame("1"));
        client.writeInbound(new TextWebSocketFrame("2"));
        client.writeInbound(new TextWebSocketFrame("3"));
        assertThat(events).hasSize(3);
        assertThat(events.get(2)).isInstanceOfSatisfying(DisconnectRequest.class,
                request -> assertThat(request.reason().code()).isEqualTo(CloseCodes.THROTTLED));

        // The subscription's token taken for the refused frame was given back: with the application plan raised,
        // exactly one more frame (the subscription's third) passes.
        throttling.onSnapshot(snapshot(2, plan("Plan", QuotaType.EVENT_COUNT, 3, QuotaAction.DROP_FRAME, true),
                plan("AppTwo", QuotaType.EVENT_COUNT, 50, QuotaAction.CLOSE_CONNECTION, true),
                plan("ApiPlan", QuotaType.EVENT_COUNT, 100, QuotaAction.DROP_FRAME, true)));
        client.writeInbound(new TextWebSocketFrame("4"));
        client.writeInbound(new TextWebSocketFrame("5"));
        assertThat(events).hasSize(4);
        assertThat(nextNotice(client)).contains("4008");
        releaseEvents();
    }

    @Test
    void bandwidthPlansCountPayloadBytes() {
        EmbeddedChannel client = client(snapshot(1, plan("Plan", QuotaType.BANDWIDTH, 10, QuotaAction.DROP_FRAME,
                true), unlimited("Unlimited"), unlimited("ApiPlan")));
        client.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[6])));
        client.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[4])));
        client.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[1])));
        assertThat(events).hasSize(2);
        assertThat(nextNotice(client)).contains("throttled out");
        releaseEvents();
    }

    @Test
    void aPlanThatOnlyCountsLetsFramesPass() {
        EmbeddedChannel client = client(snapshot(1, plan("Plan", QuotaType.EVENT_COUNT, 1, QuotaAction.DROP_FRAME,
                false), unlimited("Unlimited"), unlimited("ApiPlan")));
        for (int i = 0; i < 5; i++) {
            client.writeInbound(new TextWebSocketFrame("m" + i));
        }
        assertThat(events).hasSize(5);
        assertThat((Object) client.readOutbound()).isNull();
        releaseEvents();
    }

    @Test
    void aSpentQuotaIsReportedWithSecondsUntilItsRefill() {
        RuntimeSnapshot snapshot = snapshot(1, plan("Plan", QuotaType.EVENT_COUNT, 1, QuotaAction.DROP_FRAME, true),
                unlimited("Unlimited"), unlimited("ApiPlan"));
        EmbeddedChannel client = client(snapshot);
        assertThat(Connection.of(client).quotas().spent()).isEmpty();
        client.writeInbound(new TextWebSocketFrame("1"));
        QuotaSpent spent = Connection.of(client).quotas().spent().orElseThrow();
        assertThat(spent.level()).isEqualTo("subscription");
        assertThat(spent.plan()).isEqualTo("Plan");
        assertThat(spent.retryAfterSeconds()).isBetween(1L, 60L);
        releaseEvents();
    }
}
