package dev.tollgate.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.model.Endpoint;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.model.RuntimeApi;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static RuntimeApi api(String id, String context, String version, LifecycleState state) {
        return new RuntimeApi(id, id, context, version, state,
                new Endpoint(URI.create("ws://backend/" + id), EndpointSettings.DEFAULTS), List.of());
    }

    @Test
    void matchesContextAndVersionKeyOnSegmentBoundaries() {
        RoutingTable table = RoutingTable.of(List.of(api("echo", "/echowebsocket", "1.0", LifecycleState.PUBLISHED)));
        assertThat(table.route("/echowebsocket/1.0.0")).get().extracting(Route::rest).isEqualTo("");
        assertThat(table.route("/echowebsocket/1/topic/a?b")).get().extracting(Route::rest).isEqualTo("/topic/a?b");
        assertThat(table.route("/echowebsocket/1.0/")).get().extracting(Route::rest).isEqualTo("/");
        assertThat(table.route("/echowebsocketx/1.0")).isEmpty();
        assertThat(table.route("/echowebsocket")).isEmpty();
        assertThat(table.route("/echowebsocket/2.0")).isEmpty();
        assertThat(table.route("")).isEmpty();
    }

    @Test
    void multiSegmentContextsWinByLength() {
        RoutingTable table = RoutingTable.of(List.of(
                api("shop", "/shop", "v1", LifecycleState.PUBLISHED),
                api("orders", "/shop/v1/orders", "2", LifecycleState.PUBLISHED)));
        assertThat(table.route("/shop/v1/orders/2.0/live")).get()
                .satisfies(route -> assertThat(route.api().id()).isEqualTo("orders"))
                .satisfies(route -> assertThat(route.rest()).isEqualTo("/live"));
        assertThat(table.route("/shop/v1/orders")).get()
                .satisfies(route -> assertThat(route.api().id()).isEqualTo("shop"))
                .satisfies(route -> assertThat(route.rest()).isEqualTo("/orders"));
    }

    @Test
    void onlyRoutedStatesAreInTheTableAndServedBeatsBlocked() {
        RoutingTable table = RoutingTable.of(List.of(
                api("created", "/c", "1", LifecycleState.CREATED),
                api("retired", "/r", "1", LifecycleState.RETIRED),
                api("old", "/same", "1.0", LifecycleState.BLOCKED),
                api("new", "/same", "1", LifecycleState.PUBLISHED)));
        assertThat(table.route("/c/1")).isEmpty();
        assertThat(table.route("/r/1")).isEmpty();
        assertThat(table.route("/same/1")).get().extracting(route -> route.api().id()).isEqualTo("new");
    }
}
