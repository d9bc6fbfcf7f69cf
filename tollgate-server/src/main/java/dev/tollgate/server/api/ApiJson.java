package dev.tollgate.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.server.system.ApiException;

/** The publisher REST API's JSON, with WSO2's field names ({@code APIDTO}). */
final class ApiJson {

    private ApiJson() {
    }

    /** The body of {@code POST /apis} and {@code PUT /apis/{id}}; unknown WSO2 fields are ignored. */
    record Request(
            String name,
            String description,
            String context,
            String version,
            String type,
            EndpointConfig endpointConfig,
            List<String> policies,
            String apiThrottlingPolicy,
            Cors corsConfiguration,
            Integer maxFrameSize,
            Integer maxMessageSize) {

        ApiDraft toDraft() {
            if (type != null && !type.isBlank() && !type.strip().equalsIgnoreCase("WS")) {
                throw ApiException.badRequest("type: \"" + type
                        + "\" (expected: WS; Tollgate manages WebSocket APIs)");
            }
            String url = null;
            EndpointSettings settings = null;
            if (endpointConfig != null && endpointConfig.productionEndpoints() != null) {
                url = endpointConfig.productionEndpoints().url();
                settings = EndpointSettingsCodec.fromConfig(endpointConfig.productionEndpoints().config());
            }
            return new ApiDraft(name, context, version, description, url, settings, policies, apiThrottlingPolicy,
                    corsConfiguration == null ? null : corsConfiguration.toModel(), maxFrameSize, maxMessageSize);
        }
    }

    record EndpointConfig(
            @JsonProperty("endpoint_type") String endpointType,
            @JsonProperty("production_endpoints") Endpoint productionEndpoints) {
    }

    record Endpoint(String url, Map<String, Object> config) {
    }

    /** WSO2's {@code corsConfiguration}; only the origin allow-list applies to WebSocket handshakes. */
    record Cors(Boolean corsConfigurationEnabled, List<String> accessControlAllowOrigins) {

        CorsConfiguration toModel() {
            List<String> origins = accessControlAllowOrigins == null ? List.of() : accessControlAllowOrigins;
            if (origins.contains(null)) {
                throw ApiException.badRequest("corsConfiguration.accessControlAllowOrigins: null entry (expected: "
                        + "scheme://host[:port], or * for any origin)");
            }
            return new CorsConfiguration(Boolean.TRUE.equals(corsConfigurationEnabled), origins);
        }
    }

    static Map<String, Object> toJson(Api api, String wsUrl, String wssUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", api.id());
        json.put("name", api.name());
        json.put("description", api.description());
        json.put("context", api.context());
        json.put("version", api.version());
        json.put("provider", api.provider());
        json.put("lifeCycleStatus", api.state().displayName());
        json.put("type", "WS");
        json.put("transport", List.of("ws", "wss"));
        json.put("policies", api.policies());
        json.put("apiThrottlingPolicy", api.apiPolicy());
        Map<String, Object> cors = new LinkedHashMap<>();
        cors.put("corsConfigurationEnabled", api.cors().enabled());
        cors.put("accessControlAllowOrigins", api.cors().allowedOrigins());
        json.put("corsConfiguration", cors);
        json.put("maxFrameSize", api.maxFrameSize());
        json.put("maxMessageSize", api.maxMessageSize());
        Map<String, Object> endpointConfig = new LinkedHashMap<>();
        endpointConfig.put("endpoint_type", "ws");
        if (api.endpointUrl().isPresent()) {
            Map<String, Object> production = new LinkedHashMap<>();
            production.put("url", api.endpointUrl().get());
            production.put("config", EndpointSettingsCodec.toConfig(api.endpointSettings()));
            endpointConfig.put("production_endpoints", production);
        }
        json.put("endpointConfig", endpointConfig);
        json.put("gatewayURLs", Map.of("ws", wsUrl, "wss", wssUrl));
        json.put("createdTime", api.createdAt().toString());
        json.put("lastUpdatedTime", api.updatedAt().toString());
        return json;
    }
}
