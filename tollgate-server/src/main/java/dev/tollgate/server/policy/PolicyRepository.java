package dev.tollgate.server.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.model.QuotaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PolicyRepository {

    private static final String COLUMNS = "policy_id, policy_level, name, display_name, description, quota_type, "
            + "quota_limit, unit_time, time_unit, data_unit, rate_limit_count, rate_limit_time_unit, "
            + "stop_on_quota_reach, on_quota_exceeded, billing_plan";

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Policy> findAll(PolicyLevel level) {
        return jdbc.sql("select " + COLUMNS + " from throttle_policies where policy_level = ? order by policy_id")
                .param(level.column())
                .query(PolicyRepository::row)
                .list();
    }

    Optional<Policy> findById(PolicyLevel level, String policyId) {
        return jdbc.sql("select " + COLUMNS + " from throttle_policies where policy_level = ? and policy_id = ?")
                .params(level.column(), policyId).query(PolicyRepository::row).optional();
    }

    Optional<Policy> findByName(PolicyLevel level, String name) {
        return jdbc.sql("select " + COLUMNS + " from throttle_policies where policy_level = ? and name = ?")
                .params(level.column(), name).query(PolicyRepository::row).optional();
    }

    void insert(Policy policy) {
        jdbc.sql("insert into throttle_policies (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(policy.id(), policy.level().column(), policy.name(), policy.displayName(),
                        policy.description(), policy.quotaType().name(), policy.limit(), policy.unitTime(),
                        policy.timeUnit(), policy.dataUnit(), policy.rateLimitCount(), policy.rateLimitTimeUnit(),
                        policy.stopOnQuotaReach(), policy.onQuotaExceeded(), policy.billingPlan())
                .update();
    }

    void update(Policy policy) {
        jdbc.sql("update throttle_policies set display_name = ?, description = ?, quota_type = ?, quota_limit = ?, "
                        + "unit_time = ?, time_unit = ?, data_unit = ?, rate_limit_count = ?, "
                        + "rate_limit_time_unit = ?, stop_on_quota_reach = ?, on_quota_exceeded = ?, billing_plan = ? "
                        + "where policy_id = ?")
                .params(policy.displayName(), policy.description(), policy.quotaType().name(), policy.limit(),
                        policy.unitTime(), policy.timeUnit(), policy.dataUnit(), policy.rateLimitCount(),
                        policy.rateLimitTimeUnit(), policy.stopOnQuotaReach(), policy.onQuotaExceeded(),
                        policy.billingPlan(), policy.id())
                .update();
    }

    void delete(String policyId) {
        jdbc.sql("delete from throttle_policies where policy_id = ?").param(policyId).update();
    }

    /** How many APIs offer, and subscriptions or applications use, a policy: a policy in use is not deleted. */
    long usages(Policy policy) {
        if (policy.level() == PolicyLevel.API) {
            return jdbc.sql("select count(*) from apis where api_policy = ?").param(policy.name())
                    .query(Long.class).single();
        }
        if (policy.level() == PolicyLevel.APPLICATION) {
            return jdbc.sql("select count(*) from applications where throttling_policy = ?").param(policy.name())
                    .query(Long.class).single();
        }
        return jdbc.sql("select count(*) from api_policies where policy_name = ?").param(policy.name())
                .query(Long.class).single()
                + jdbc.sql("select count(*) from subscriptions where throttling_policy = ?").param(policy.name())
                .query(Long.class).single();
    }

    private static Policy row(ResultSet rs, int row) throws SQLException {
        return new Policy(
                rs.getString("policy_id"),
                PolicyLevel.valueOf(rs.getString("policy_level").toUpperCase(Locale.ROOT)),
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getString("description"),
                QuotaType.valueOf(rs.getString("quota_type")),
                rs.getLong("quota_limit"),
                rs.getInt("unit_time"),
                rs.getString("time_unit"),
                rs.getString("data_unit"),
                rs.getInt("rate_limit_count"),
                rs.getString("rate_limit_time_unit"),
                rs.getBoolean("stop_on_quota_reach"),
                rs.getString("on_quota_exceeded"),
                rs.getString("billing_plan"));
    }
}
