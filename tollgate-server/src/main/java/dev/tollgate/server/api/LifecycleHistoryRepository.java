package dev.tollgate.server.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.tollgate.model.LifecycleState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LifecycleHistoryRepository {

    /** One row of an API's lifecycle history; {@code previousState} is null for the creation. */
    record Entry(LifecycleState previousState, LifecycleState postState, String action, String user, Instant at) {
    }

    private final JdbcClient jdbc;

    LifecycleHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String apiId, LifecycleState previous, LifecycleState post, String action, String user, Instant at) {
        jdbc.sql("insert into api_lifecycle_history (id, api_id, previous_state, post_state, action, updated_by, "
                        + "updated_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), apiId, previous == null ? null : previous.name(), post.name(),
                        action, user, Timestamp.from(at))
                .update();
    }

    List<Entry> find(String apiId) {
        return jdbc.sql("select previous_state, post_state, action, updated_by, updated_at from api_lifecycle_history "
                        + "where api_id = ? order by updated_at, id")
                .param(apiId)
                .query((rs, row) -> new Entry(
                        rs.getString(1) == null ? null : LifecycleState.valueOf(rs.getString(1)),
                        LifecycleState.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        ApiRepository.instant(rs, "updated_at")))
                .list();
    }
}
