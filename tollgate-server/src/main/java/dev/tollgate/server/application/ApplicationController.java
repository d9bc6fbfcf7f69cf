package dev.tollgate.server.application;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.tollgate.server.keymanager.KeyManagerService;
import dev.tollgate.server.keymanager.KeyMapping;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Developer Portal REST API {@code /api/am/devportal/v3/applications}: applications, their keys and tokens. */
@RestController
@RequestMapping("/api/am/devportal/v3/applications")
class ApplicationController {

    /** The body of {@code POST /applications} and {@code PUT /applications/{id}}. */
    record ApplicationRequest(String name, String throttlingPolicy, String description, String tokenType) {
        ApplicationService.Draft toDraft() {
            return new ApplicationService.Draft(name, throttlingPolicy, description, tokenType);
        }
    }

    /** The body of {@code generate-keys}; {@code validityTime} is the default token validity in seconds. */
    record KeyRequest(String keyType, List<String> grantTypesToBeSupported, String callbackUrl, List<String> scopes,
            Long validityTime, String keyManager) {
    }

    /** The body of {@code generate-token}; {@code validityPeriod} in seconds. */
    record TokenRequest(String consumerSecret, Long validityPeriod, List<String> scopes, String grantType,
            String revokeToken) {
    }

    private final ApplicationService applications;
    private final KeyManagerService keyManager;

    ApplicationController(ApplicationService applications, KeyManagerService keyManager) {
        this.applications = applications;
        this.keyManager = keyManager;
    }

    @GetMapping
    Map<String, Object> list(Authentication user) {
        List<Map<String, Object>> list = applications.listOwn(Actor.of(user)).stream()
                .map(ApplicationController::toJson).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", list.size());
        body.put("list", list);
        return body;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody ApplicationRequest request, Authentication user) {
        Application app = applications.create(request.toDraft(), Actor.of(user));
        return ResponseEntity.created(URI.create("/api/am/devportal/v3/applications/" + app.id())).body(toJson(app));
    }

    @GetMapping("/{applicationId}")
    Map<String, Object> get(@PathVariable String applicationId, Authentication user) {
        return toJson(applications.getOwn(applicationId, Actor.of(user)));
    }

    @PutMapping("/{applicationId}")
    Map<String, Object> update(@PathVariable String applicationId, @RequestBody ApplicationRequest request,
            Authentication user) {
        return toJson(applications.update(applicationId, request.toDraft(), Actor.of(user)));
    }

    @DeleteMapping("/{applicationId}")
    ResponseEntity<Void> delete(@PathVariable String applicationId, Authentication user) {
        applications.delete(applicationId, Actor.of(user));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/{applicationId}/generate-keys")
    Map<String, Object> generateKeys(@PathVariable String applicationId, @RequestBody(required = false) KeyRequest body,
            Authentication user) {
        KeyRequest request = body == null ? new KeyRequest(null, null, null, null, null, null) : body;
        KeyManagerService.GeneratedKeys keys = applications.generateKeys(applicationId, request.keyType(),
                request.grantTypesToBeSupported(),
                request.validityTime() == null ? null : Duration.ofSeconds(request.validityTime()), Actor.of(user));
        Map<String, Object> json = keyJson(keys.mapping(), keys.grantTypes());
        json.put("consumerSecret", keys.consumerSecret());
        return json;
    }

    @GetMapping("/{applicationId}/oauth-keys")
    Map<String, Object> keys(@PathVariable String applicationId, Authentication user) {
        Application app = applications.getOwn(applicationId, Actor.of(user));
        List<Map<String, Object>> list = keyManager.keysOf(app.id()).stream()
                .map(mapping -> keyJson(mapping, keyManager.grantTypes(mapping))).toList();
        return Map.of("count", list.size(), "list", list);
    }

    @GetMapping("/{applicationId}/oauth-keys/{keyMappingId}")
    Map<String, Object> key(@PathVariable String applicationId, @PathVariable String keyMappingId,
            Authentication user) {
        KeyMapping mapping = ownKey(applicationId, keyMappingId, Actor.of(user));
        return keyJson(mapping, keyManager.grantTypes(mapping));
    }

    @PostMapping("/{applicationId}/oauth-keys/{keyMappingId}/clean-up")
    ResponseEntity<Void> cleanUp(@PathVariable String applicationId, @PathVariable String keyMappingId,
            Authentication user) {
        keyManager.deleteKeys(ownKey(applicationId, keyMappingId, Actor.of(user)));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/{applicationId}/oauth-keys/{keyMappingId}/regenerate-secret")
    Map<String, Object> regenerateSecret(@PathVariable String applicationId, @PathVariable String keyMappingId,
            Authentication user) {
        KeyMapping mapping = ownKey(applicationId, keyMappingId, Actor.of(user));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("consumerKey", mapping.consumerKey());
        json.put("consumerSecret", keyManager.regenerateSecret(mapping));
        return json;
    }

    @PostMapping("/{applicationId}/oauth-keys/{keyMappingId}/generate-token")
    Map<String, Object> generateToken(@PathVariable String applicationId, @PathVariable String keyMappingId,
            @RequestBody TokenRequest request, Authentication user) {
        KeyMapping mapping = ownKey(applicationId, keyMappingId, Actor.of(user));
        if (request.grantType() != null && !request.grantType().isBlank()
                && !request.grantType().equalsIgnoreCase("CLIENT_CREDENTIALS")) {
            throw ApiException.badRequest("grantType: \"" + request.grantType()
                    + "\" (expected: CLIENT_CREDENTIALS; use /oauth2/token for the other grants)");
        }
        KeyManagerService.IssuedToken token = keyManager.issueToken(mapping, request.consumerSecret(),
                request.scopes() == null ? null : new LinkedHashSet<>(request.scopes()),
                request.validityPeriod() == null || request.validityPeriod() == -1 ? null
                        : Duration.ofSeconds(request.validityPeriod()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accessToken", token.accessToken());
        json.put("tokenScopes", token.scopes());
        json.put("validityTime", token.validitySeconds());
        return json;
    }

    private KeyMapping ownKey(String applicationId, String keyMappingId, Actor actor) {
        return applications.ownKeys(applicationId, keyMappingId, actor);
    }

    private static Map<String, Object> keyJson(KeyMapping mapping, java.util.Set<String> grantTypes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keyMappingId", mapping.keyMappingId());
        json.put("keyManager", mapping.keyManager());
        json.put("consumerKey", mapping.consumerKey());
        json.put("supportedGrantTypes", grantTypes);
        json.put("keyState", "COMPLETED");
        json.put("keyType", mapping.keyType());
        json.put("mode", "CREATED");
        return json;
    }

    static Map<String, Object> toJson(Application app) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("applicationId", app.id());
        json.put("name", app.name());
        json.put("throttlingPolicy", app.throttlingPolicy());
        json.put("description", app.description());
        json.put("tokenType", app.tokenType());
        json.put("status", "APPROVED");
        json.put("owner", app.owner());
        json.put("groups", List.of());
        json.put("attributes", Map.of());
        json.put("createdTime", app.createdAt().toString());
        json.put("updatedTime", app.updatedAt().toString());
        return json;
    }
}
