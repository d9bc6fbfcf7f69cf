package dev.tollgate.server.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.LifecycleState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ApiRepository {

    private static final String COLUMNS = "id, name, context, version, version_key, description, provider, "
            + "lifecycle_state, endpoint_url, endpoint_settings, api_policy, cors_enabled, cors_allowed_origins, max_frame_size, "
            + "max_message_size, created_at, updated_at";
    /** Origins are {@code scheme://host[:port]} or {@code *}, so a space never occurs in one. */
    private static final String ORIGIN_SEPARATOR = " ";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ApiRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Api> findAll() {
        return withPolicies(jdbc.sql("select " + COLUMNS + " from apis order by name, version_key")
                .query(this::row).list());
    }

    Optional<Api> findById(String id) {
        return withPolicies(jdbc.sql("select " + COLUMNS + " from apis where id = ?").param(id)
                .query(this::row).list()).stream().findFirst();
    }

    List<Api> findByContext(String context) {
        return withPolicies(jdbc.sql("select " + COLUMNS + " from apis where context = ?").param(context)
                .query(this::row).list());
    }

    List<Api> findByName(String name) {
        return withPolicies(jdbc.sql("select " + COLUMNS + " from apis where name = ?").param(name)
                .query(this::row).list());
    }

    void insert(Api api) {
        jdbc.sql("insert into apis (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(api.id(), api.name(), api.context(), api.version(), api.versionKey(), api.description(),
                        api.provider(), api.state().name(), api.endpointUrl().orElse(null), settingsJson(api),
                        api.apiPolicy(), api.cors().enabled(), origins(api), api.maxFrameSize(), api.maxMessageSize(),
                        Timestamp.from(api.createdAt()), Timestamp.from(api.updatedAt()))
                .update();
        savePolicies(api);
    }

    void update(Api api) {
        jdbc.sql("update apis set name = ?, context = ?, version = ?, version_key = ?, description = ?, "
                        + "lifecycle_state = ?, endpoint_url = ?, endpoint_settings = ?, api_policy = ?, cors_enabled = ?, "
                        + "cors_allowed_origins = ?, max_frame_size = ?, max_message_size = ?, updated_at = ? where id = ?")
                .params(api.name(), api.context(), api.version(), api.versionKey(), api.description(),
                        api.state().name(), api.endpointUrl().orElse(null), settingsJson(api), api.apiPolicy(),
                        api.cors().enabled(), origins(api), api.maxFrameSize(), api.maxMessageSize(),
                        Timestamp.from(api.updatedAt()), api.id())
                .update();
        jdbc.sql("delete from api_policies where api_id = ?").param(api.id()).update();
        savePolicies(api);
    }

    void delete(String id) {
        jdbc.sql("delete from apis where id = ?").param(id).update();
    }

    private void savePolicies(Api api) {
        for (int i = 0; i < api.policies().size(); i++) {
            jdbc.sql("insert into api_policies (api_id, policy_name, position) values (?, ?, ?)")
                    .params(api.id(), api.policies().get(i), i)
                    .update();
        }
    }

    private List<Api> withPolicies(List<Api> apis) {
        if (apis.isEmpty()) {
            return apis;
        }
        Map<String, List<String>> policies = new HashMap<>();
        jdbc.sql("select api_id, policy_name from api_policies order by api_id, position")
                .query((ResultSet rs) -> {
                    policies.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        List<Api> result = new ArrayList<>(apis.size());
        for (Api api : apis) {
            result.add(new Api(api.id(), api.name(), api.context(), api.version(), api.description(), api.provider(),
                    api.state(), api.endpointUrl(), api.endpointSettings(),
                    policies.getOrDefault(api.id(), List.of()), api.apiPolicy(), api.cors(), api.maxFrameSize(),
                    api.maxMessageSize(), api.createdAt(),
                    api.updatedAt()));
        }
        return result;
    }

    private Api row(ResultSet rs, int row) throws SQLException {
        String settings = rs.getString("endpoint_settings");
        return new Api(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("context"),
                rs.getString("version"),
                rs.getString("description"),
                rs.getString("provider"),
                LifecycleState.valueOf(rs.getString("lifecycle_state")),
                Optional.ofNullable(rs.getString("endpoint_url")),
                settings == null ? dev.tollgate.model.EndpointSettings.DEFAULTS
                        : EndpointSettingsCodec.fromConfig(json.readValue(settings, new TypeReference<Map<String, Object>>() { })),
                List.of(),
                rs.getString("api_policy"),
                cors(rs.getBoolean("cors_enabled"), rs.getString("cors_allowed_origins")),
                rs.getObject("max_frame_size", Integer.class),
                rs.getObject("max_message_size", Integer.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static String origins(Api api) {
        return String.join(ORIGIN_SEPARATOR, api.cors().allowedOrigins());
    }

    private static CorsConfiguration cors(boolean enabled, String origins) {
        List<String> list = origins == null || origins.isBlank() ? List.of()
                : List.of(origins.strip().split(ORIGIN_SEPARATOR));
        return enabled || !list.isEmpty() ? new CorsConfiguration(enabled, list) : CorsConfiguration.DISABLED;
    }

    private String settingsJson(Api api) {
        return json.writeValueAsString(EndpointSettingsCodec.toConfig(api.endpointSettings()));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, java.time.OffsetDateTime.class).toInstant();
    }
}
