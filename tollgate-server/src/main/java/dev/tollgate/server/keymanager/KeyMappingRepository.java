package dev.tollgate.server.keymanager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class KeyMappingRepository {

    private static final String COLUMNS = "id, application_id, key_type, consumer_key, key_manager, created_at";

    private final JdbcClient jdbc;

    KeyMappingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<KeyMapping> findAll() {
        return jdbc.sql("select " + COLUMNS + " from key_mappings").query(KeyMappingRepository::row).list();
    }

    List<KeyMapping> findByApplication(String applicationId) {
        return jdbc.sql("select " + COLUMNS + " from key_mappings where application_id = ? order by created_at")
                .param(applicationId).query(KeyMappingRepository::row).list();
    }

    Optional<KeyMapping> findByConsumerKey(String consumerKey) {
        return jdbc.sql("select " + COLUMNS + " from key_mappings where consumer_key = ?")
                .param(consumerKey).query(KeyMappingRepository::row).optional();
    }

    void insert(KeyMapping mapping) {
        jdbc.sql("insert into key_mappings (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)")
                .params(mapping.keyMappingId(), mapping.applicationId(), mapping.keyType(), mapping.consumerKey(),
                        mapping.keyManager(), Timestamp.from(mapping.createdAt()))
                .update();
    }

    void delete(String keyMappingId) {
        jdbc.sql("delete from key_mappings where id = ?").param(keyMappingId).update();
    }

    private static KeyMapping row(ResultSet rs, int row) throws SQLException {
        return new KeyMapping(rs.getString("id"), rs.getString("application_id"), rs.getString("key_type"),
                rs.getString("consumer_key"), rs.getString("key_manager"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
