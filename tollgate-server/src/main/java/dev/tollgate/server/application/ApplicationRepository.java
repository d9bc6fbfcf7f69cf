package dev.tollgate.server.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApplicationRepository {

    private static final String COLUMNS =
            "id, name, owner, throttling_policy, description, token_type, created_at, updated_at";

    private final JdbcClient jdbc;

    ApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Application> findAll() {
        return jdbc.sql("select " + COLUMNS + " from applications").query(ApplicationRepository::row).list();
    }

    List<Application> findByOwner(String owner) {
        return jdbc.sql("select " + COLUMNS + " from applications where owner = ? order by name")
                .param(owner).query(ApplicationRepository::row).list();
    }

    Optional<Application> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from applications where id = ?")
                .param(id).query(ApplicationRepository::row).optional();
    }

    boolean nameTaken(String owner, String name, String exceptId) {
        return jdbc.sql("select count(*) from applications where owner = ? and lower(name) = lower(?) and id <> ?")
                .params(owner, name, exceptId).query(Long.class).single() > 0;
    }

    void insert(Application app) {
        jdbc.sql("insert into applications (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(app.id(), app.name(), app.owner(), app.throttlingPolicy(), app.description(), app.tokenType(),
                        Timestamp.from(app.createdAt()), Timestamp.from(app.updatedAt()))
                .update();
    }

    void update(Application app) {
        jdbc.sql("update applications set name = ?, throttling_policy = ?, description = ?, token_type = ?, "
                        + "updated_at = ? where id = ?")
                .params(app.name(), app.throttlingPolicy(), app.description(), app.tokenType(),
                        Timestamp.from(app.updatedAt()), app.id())
                .update();
    }

    void delete(String id) {
        jdbc.sql("delete from applications where id = ?").param(id).update();
    }

    private static Application row(ResultSet rs, int row) throws SQLException {
        return new Application(rs.getString("id"), rs.getString("name"), rs.getString("owner"),
                rs.getString("throttling_policy"), rs.getString("description"), rs.getString("token_type"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant());
    }
}
