package dev.tollgate.server.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.model.LifecycleState;
import dev.tollgate.server.runtime.GatewayUrls;
import dev.tollgate.server.system.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Publisher REST API {@code /api/am/publisher/v4}: WSO2's paths and field names for WebSocket APIs. */
@RestController
@RequestMapping("/api/am/publisher/v4")
class PublisherApiController {

    private final ApiService apis;
    private final LifecycleService lifecycle;
    private final GatewayUrls urls;

    PublisherApiController(ApiService apis, LifecycleService lifecycle, GatewayUrls urls) {
        this.apis = apis;
        this.lifecycle = lifecycle;
        this.urls = urls;
    }

    @GetMapping("/apis")
    Map<String, Object> list() {
        List<Map<String, Object>> list = apis.list().stream().map(this::toJson).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", list.size());
        body.put("list", list);
        body.put("pagination", Map.of("offset", 0, "limit", list.size(), "total", list.size()));
        return body;
    }

    @PostMapping("/apis")
    ResponseEntity<Map<String, Object>> create(@RequestBody ApiJson.Request request, Authentication user) {
        Api api = apis.create(request.toDraft(), Actor.of(user));
        return ResponseEntity.created(URI.create("/api/am/publisher/v4/apis/" + api.id())).body(toJson(api));
    }

    @GetMapping("/apis/{apiId}")
    Map<String, Object> get(@PathVariable String apiId) {
        return toJson(apis.get(apiId));
    }

    @PutMapping("/apis/{apiId}")
    Map<String, Object> update(@PathVariable String apiId, @RequestBody ApiJson.Request request, Authentication user) {
        return toJson(apis.update(apiId, request.toDraft(), Actor.of(user)));
    }

    @DeleteMapping("/apis/{apiId}")
    ResponseEntity<Void> delete(@PathVariable String apiId, Authentication user) {
        apis.delete(apiId, Actor.of(user));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/apis/change-lifecycle")
    Map<String, Object> changeLifecycle(@RequestParam String apiId, @RequestParam String action,
            Authentication user) {
        Api api = lifecycle.change(apiId, action, Actor.of(user));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflowStatus", "APPROVED");
        body.put("lifecycleState", lifecycleState(api.state()));
        return body;
    }

    @GetMapping("/apis/{apiId}/lifecycle-state")
    Map<String, Object> lifecycleState(@PathVariable String apiId) {
        return lifecycleState(apis.get(apiId).state());
    }

    @GetMapping("/apis/{apiId}/lifecycle-history")
    Map<String, Object> lifecycleHistory(@PathVariable String apiId) {
        List<Map<String, Object>> list = lifecycle.history(apiId).stream().map(entry -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("previousState", entry.previousState() == null ? null : entry.previousState().displayName());
            json.put("postState", entry.postState().displayName());
            json.put("action", entry.action());
            json.put("user", entry.user());
            json.put("updatedTime", entry.at().toString());
            return json;
        }).toList();
        return Map.of("count", list.size(), "list", list);
    }

    private Map<String, Object> toJson(Api api) {
        return ApiJson.toJson(api, urls.ws(api.gatewayPath()), urls.wss(api.gatewayPath()));
    }

    private static Map<String, Object> lifecycleState(LifecycleState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state.displayName());
        json.put("availableTransitions", state.allowedActions().stream()
                .map(action -> Map.of("event", action.displayName(),
                        "targetState", state.after(action).map(LifecycleState::displayName).orElseThrow()))
                .toList());
        return json;
    }

}
