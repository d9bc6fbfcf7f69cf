package dev.tollgate.server.devportal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.server.api.Api;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.runtime.GatewayUrls;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Developer Portal REST API {@code /api/am/devportal/v3/apis}, in WSO2's shape. */
@RestController
@RequestMapping("/api/am/devportal/v3/apis")
class DevportalApiController {

    private final CatalogService catalog;
    private final PolicyService policies;
    private final GatewayUrls urls;

    DevportalApiController(CatalogService catalog, PolicyService policies, GatewayUrls urls) {
        this.catalog = catalog;
        this.policies = policies;
        this.urls = urls;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String query) {
        List<Map<String, Object>> list = catalog.search(query).stream().map(this::toJson).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", list.size());
        body.put("list", list);
        body.put("pagination", Map.of("offset", 0, "limit", list.size(), "total", list.size()));
        return body;
    }

    @GetMapping("/{apiId}")
    Map<String, Object> get(@PathVariable String apiId) {
        return toJson(catalog.get(apiId));
    }

    private Map<String, Object> toJson(Api api) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", api.id());
        json.put("name", api.name());
        json.put("description", api.description());
        json.put("context", api.context());
        json.put("version", api.version());
        json.put("provider", api.provider());
        json.put("type", "WS");
        json.put("lifeCycleStatus", api.state().displayName());
        json.put("throttlingPolicies", api.policies());
        json.put("tiers", api.policies().stream().map(name -> {
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("tierName", name);
            policies.findByName(PolicyLevel.SUBSCRIPTION, name).ifPresent(policy ->
                    tier.put("description", policy.description()));
            tier.put("tierPlan", "FREE");
            return tier;
        }).toList());
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("environmentName", "Default");
        environment.put("environmentDisplayName", "Default");
        environment.put("environmentType", "hybrid");
        environment.put("URLs", Map.of("ws", urls.ws(api.gatewayPath()), "wss", urls.wss(api.gatewayPath())));
        json.put("endpointURLs", List.of(environment));
        return json;
    }
}
