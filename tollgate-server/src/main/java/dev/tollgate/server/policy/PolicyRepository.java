package dev.tollgate.server.policy;

import java.util.List;
import java.util.Optional;

import dev.tollgate.model.QuotaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PolicyRepository {

    private static final String COLUMNS = "policy_id, policy_level, name, display_name, description, quota_type, "
            + "quota_limit, unit_time, time_unit, stop_on_quota_reach, billing_plan";

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Policy> findAll(PolicyLevel level) {
        return jdbc.sql("select " + COLUMNS + " from throttle_policies where policy_level = ? order by policy_id")
                .param(level.column())
                .query((rs, row) -> new Policy(
                        rs.getString("policy_id"),
                        PolicyLevel.valueOf(rs.getString("policy_level").toUpperCase(java.util.Locale.ROOT)),
                        rs.getString("name"),
                        rs.getString("display_name"),
                        rs.getString("description"),
                        QuotaType.valueOf(rs.getString("quota_type")),
                        rs.getLong("quota_limit"),
                        rs.getInt("unit_time"),
                        rs.getString("time_unit"),
                        rs.getBoolean("stop_on_quota_reach"),
                        rs.getString("billing_plan")))
                .list();
    }

    Optional<Policy> findById(PolicyLevel level, String policyId) {
        return findAll(level).stream().filter(policy -> policy.id().equals(policyId)).findFirst();
    }

    Optional<Policy> findByName(PolicyLevel level, String name) {
        return findAll(level).stream().filter(policy -> policy.name().equals(name)).findFirst();
    }
}
