package dev.tollgate.server.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import dev.tollgate.model.SubscriptionStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {

    private static final String COLUMNS = "id, application_id, api_id, throttling_policy, status, created_at";

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Subscription> findAll() {
        return jdbc.sql("select " + COLUMNS + " from subscriptions").query(SubscriptionRepository::row).list();
    }

    List<Subscription> findByApplication(String applicationId) {
        return jdbc.sql("select " + COLUMNS + " from subscriptions where application_id = ? order by created_at")
                .param(applicationId).query(SubscriptionRepository::row).list();
    }

    List<Subscription> findByApi(String apiId) {
        return jdbc.sql("select " + COLUMNS + " from subscriptions where api_id = ? order by created_at")
                .param(apiId).query(SubscriptionRepository::row).list();
    }

    Optional<Subscription> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from subscriptions where id = ?")
                .param(id).query(SubscriptionRepository::row).optional();
    }

    Optional<Subscription> find(String applicationId, String apiId) {
        return jdbc.sql("select " + COLUMNS + " from subscriptions where application_id = ? and api_id = ?")
                .params(applicationId, apiId).query(SubscriptionRepository::row).optional();
    }

    void insert(Subscription subscription) {
        jdbc.sql("insert into subscriptions (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)")
                .params(subscription.id(), subscription.applicationId(), subscription.apiId(),
                        subscription.throttlingPolicy(), subscription.status().name(),
                        Timestamp.from(subscription.createdAt()))
                .update();
    }

    void update(Subscription subscription) {
        jdbc.sql("update subscriptions set throttling_policy = ?, status = ? where id = ?")
                .params(subscription.throttlingPolicy(), subscription.status().name(), subscription.id())
                .update();
    }

    void delete(String id) {
        jdbc.sql("delete from subscriptions where id = ?").param(id).update();
    }

    private static Subscription row(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getString("id"), rs.getString("application_id"), rs.getString("api_id"),
                rs.getString("throttling_policy"), SubscriptionStatus.valueOf(rs.getString("status")),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
