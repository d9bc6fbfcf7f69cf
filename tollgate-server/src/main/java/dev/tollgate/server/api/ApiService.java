package dev.tollgate.server.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.tollgate.model.ApiVersion;
import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.server.policy.PolicyLevel;
import dev.tollgate.server.policy.PolicyService;
import dev.tollgate.server.runtime.StateChanged;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.user.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns the rules of designing a WebSocket API: which fields are valid, what must be unique, who may change it. Both the
 * publisher REST API and the publisher pages call it.
 */
@Service
public class ApiService {

    private static final Pattern CONTEXT_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,30}");
    private static final int MAX_NAME = 60;
    private static final int MAX_CONTEXT = 200;
    private static final int MAX_DESCRIPTION = 2000;
    /** Bounded so that the list, joined, fits its column (4000 characters). */
    private static final int MAX_ORIGINS = 20;
    private static final int MAX_ORIGIN = 190;
    /** The largest control frame: no frame limit may refuse a ping or a close. */
    private static final int MIN_SIZE = 125;
    private static final int MAX_SIZE = 64 * 1024 * 1024;
    private static final String ORIGINS_FIELD = "corsConfiguration.accessControlAllowOrigins";

    private final ApiRepository apis;
    private final LifecycleHistoryRepository history;
    private final PolicyService policies;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ApiService(ApiRepository apis, LifecycleHistoryRepository history, PolicyService policies, JdbcClient jdbc,
            ApplicationEventPublisher events) {
        this.apis = apis;
        this.history = history;
        this.policies = policies;
        this.jdbc = jdbc;
        this.events = events;
    }

    public List<Api> list() {
        return apis.findAll();
    }

    public Api get(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("No API with id " + id));
    }

    public Optional<Api> find(String id) {
        return id == null ? Optional.empty() : apis.findById(id);
    }

    /** Creates an API in the CREATED state; the caller must be a creator. */
    @Transactional
    public Api create(ApiDraft draft, Actor actor) {
        actor.require("create APIs", Role.CREATOR);
        Instant now = Instant.now();
        Api api = validated(UUID.randomUUID().toString(), draft, actor.username(), LifecycleState.CREATED, now, now);
        apis.insert(api);
        history.record(api.id(), null, LifecycleState.CREATED, null, actor.username(), now);
        return api;
    }

    /** Replaces the design of an API; its lifecycle state is kept and live gateways see the change at once. */
    @Transactional
    public Api update(String id, ApiDraft draft, Actor actor) {
        actor.require("edit APIs", Role.CREATOR, Role.PUBLISHER);
        Api current = get(id);
        Api api = validated(id, draft, current.provider(), current.state(), current.createdAt(), Instant.now());
        if (current.state().isRouted()) {
            requirePublishable(api);
        }
        apis.update(api);
        events.publishEvent(new StateChanged("API " + id + " updated"));
        return api;
    }

    /** Deletes an API that no application is subscribed to. */
    @Transactional
    public void delete(String id, Actor actor) {
        actor.require("delete APIs", Role.CREATOR, Role.PUBLISHER);
        Api api = get(id);
        long subscriptions = jdbc.sql("select count(*) from subscriptions where api_id = ?").param(id)
                .query(Long.class).single();
        if (subscriptions > 0) {
            throw ApiException.conflict("Cannot delete API " + api.name() + " " + api.version() + ": "
                    + subscriptions + " subscription(s) exist; remove them first");
        }
        apis.delete(id);
        events.publishEvent(new StateChanged("API " + id + " deleted"));
    }

    /** Stores a lifecycle transition; only {@link LifecycleService} calls it, after checking the transition. */
    @Transactional
    Api saveState(Api api, LifecycleState next, String action, Actor actor) {
        Instant now = Instant.now();
        Api changed = api.withState(next, now);
        apis.update(changed);
        history.record(api.id(), api.state(), next, action, actor.username(), now);
        events.publishEvent(new StateChanged("API " + api.id() + " is now " + next.displayName()));
        return changed;
    }

    /** An API must have an endpoint and at least one business plan before the gateway serves it. */
    void requirePublishable(Api api) {
        if (api.endpointUrl().isEmpty()) {
            throw ApiException.badRequest("API " + api.name() + " has no endpoint: "
                    + "set endpointConfig.production_endpoints.url (ws:// or wss://) first");
        }
        if (api.policies().isEmpty()) {
            throw ApiException.badRequest("API " + api.name() + " offers no business plan: set policies (e.g. Gold) first");
        }
    }

    private Api validated(String id, ApiDraft draft, String provider, LifecycleState state, Instant created,
            Instant updated) {
        String name = required("name", draft.name());
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name: \"" + name + "\" (expected: at most " + MAX_NAME
                    + " characters, no control characters)");
        }
        String context = context(required("context", draft.context()));
        String version = required("version", draft.version());
        if (!VERSION.matcher(version).matches()) {
            throw ApiException.badRequest("version: \"" + version
                    + "\" (expected: 1 to 30 letters, digits, '.', '_' or '-', e.g. 1.0.0)");
        }
        String description = draft.description() == null ? null : draft.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("description: (expected: at most " + MAX_DESCRIPTION + " characters)");
        }
        Optional<String> endpoint = Optional.ofNullable(draft.endpointUrl()).map(String::strip)
                .filter(url -> !url.isEmpty()).map(ApiService::endpoint);
        List<String> plans = draft.policies() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(draft.policies().stream().map(String::strip).toList()));
        policies.requireExisting(PolicyLevel.SUBSCRIPTION, "policies", plans);
        String apiPolicy = draft.apiPolicy() == null || draft.apiPolicy().isBlank() ? null : draft.apiPolicy().strip();
        if (apiPolicy != null) {
            policies.requireExisting(PolicyLevel.API, "apiThrottlingPolicy", List.of(apiPolicy));
        }
        EndpointSettings settings = draft.endpointSettings() == null ? EndpointSettings.DEFAULTS : draft.endpointSettings();
        CorsConfiguration cors = cors(draft.cors());
        Integer maxFrameSize = size("maxFrameSize", draft.maxFrameSize());
        Integer maxMessageSize = size("maxMessageSize", draft.maxMessageSize());
        if (maxFrameSize != null && maxMessageSize != null && maxMessageSize < maxFrameSize) {
            throw ApiException.badRequest("maxMessageSize: " + maxMessageSize + " (expected: at least maxFrameSize, "
                    + maxFrameSize + ")");
        }

        String versionKey = ApiVersion.key(version);
        for (Api other : apis.findByContext(context)) {
            if (other.id().equals(id)) {
                continue;
            }
            if (other.versionKey().equals(versionKey)) {
                throw ApiException.conflict("An API with context " + context + " and version " + other.version()
                        + " already exists (" + other.name() + "); versions are compared as numbers, so "
                        + version + " and " + other.version() + " are the same version");
            }
            if (!other.name().equals(name)) {
                throw ApiException.conflict("Context " + context + " is already used by API " + other.name()
                        + "; a context belongs to one API (its versions share it)");
            }
        }
        for (Api other : apis.findByName(name)) {
            if (!other.id().equals(id) && other.versionKey().equals(versionKey)) {
                throw ApiException.conflict("API " + name + " already has version " + other.version());
            }
        }
        return new Api(id, name, context, version, description, provider, state, endpoint, settings, plans,
                apiPolicy, cors, maxFrameSize, maxMessageSize, created, updated);
    }

    /** A frame or message limit in bytes, or null for the gateway's default. */
    private static Integer size(String field, Integer bytes) {
        if (bytes != null && (bytes < MIN_SIZE || bytes > MAX_SIZE)) {
            throw ApiException.badRequest(field + ": " + bytes + " (expected: " + MIN_SIZE + " to " + MAX_SIZE
                    + " bytes (64 MiB), or absent for the gateway's default)");
        }
        return bytes;
    }

    /** Each origin is {@code scheme://host[:port]} (what browsers send in {@code Origin}) or {@code *}. */
    private static CorsConfiguration cors(CorsConfiguration draft) {
        if (draft == null) {
            return CorsConfiguration.DISABLED;
        }
        if (draft.allowedOrigins().size() > MAX_ORIGINS) {
            throw ApiException.badRequest(ORIGINS_FIELD + ": " + draft.allowedOrigins().size() + " origins "
                    + "(expected: at most " + MAX_ORIGINS + ")");
        }
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < draft.allowedOrigins().size(); i++) {
            String origin = draft.allowedOrigins().get(i).strip();
            if (!origin.equals(CorsConfiguration.ANY_ORIGIN) && !isOrigin(origin)) {
                throw ApiException.badRequest(ORIGINS_FIELD + "[" + i + "]: \"" + origin + "\" (expected: "
                        + "scheme://host[:port] of at most " + MAX_ORIGIN + " characters, such as "
                        + "https://app.example.com, or * for any origin)");
            }
            if (!origins.contains(origin)) {
                origins.add(origin);
            }
        }
        return draft.enabled() || !origins.isEmpty() ? new CorsConfiguration(draft.enabled(), origins)
                : CorsConfiguration.DISABLED;
    }

    private static boolean isOrigin(String origin) {
        if (origin.length() > MAX_ORIGIN) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return false;
            }
            String rebuilt = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return rebuilt.equalsIgnoreCase(origin) && uri.getPort() <= 65_535 && uri.getPort() != 0;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + ": (expected: a value; " + field + " is required)");
        }
        return value.strip();
    }

    /** Normalises {@code echowebsocket/} to {@code /echowebsocket}, refusing anything that is not a clean path. */
    static String context(String raw) {
        String context = raw.startsWith("/") ? raw : "/" + raw;
        while (context.length() > 1 && context.endsWith("/")) {
            context = context.substring(0, context.length() - 1);
        }
        if (context.length() > MAX_CONTEXT || context.equals("/")) {
            throw ApiException.badRequest("context: \"" + raw + "\" (expected: a path such as /echowebsocket, at most "
                    + MAX_CONTEXT + " characters)");
        }
        for (String segment : context.substring(1).split("/", -1)) {
            if (!CONTEXT_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw ApiException.badRequest("context: \"" + raw + "\" (expected: path segments of letters, digits, "
                        + "'.', '_', '~' or '-', e.g. /echowebsocket)");
            }
        }
        return context;
    }

    /** Accepts only {@code ws://} and {@code wss://} URLs with a host, as a WebSocket backend must be. */
    static String endpoint(String url) {
        String expected = "\" (expected: a ws:// or wss:// URL such as ws://localhost:9098/echo)";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("endpointConfig.production_endpoints.url: \"" + url + expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null || url.length() > 2000) {
            throw ApiException.badRequest("endpointConfig.production_endpoints.url: \"" + url + expected);
        }
        return uri.toString();
    }
}
